/**
 * The coach's contract with the router, the commands and the platforms. The
 * platforms render a turn natively (Slack's assistant stream, Discord's edited
 * message, the console's printed text); the service owns everything else.
 */
import type { EarnedAchievement } from '../core/achievements.ts';
import type { CompanionUser } from '../core/users.ts';

/** `coach_messages.message_type`: chat, role-play practice, or structured tips. */
export type CoachMessageType = 'text' | 'scenario' | 'advice';

/**
 * Where a reply came from. Anything but `model` is labelled for the person:
 * `offline` is the rule-based coach (no key, provider failed or timed out),
 * `safety` the fixed crisis reply, `limit` the friendly daily-cap message.
 */
export type CoachReplySource = 'model' | 'offline' | 'safety' | 'limit';

export interface CoachTurnInput {
  readonly user: CompanionUser;
  readonly text: string;
  /** The platform's locale for the person (Discord `locale`, Slack `locale`), for crisis resources. */
  readonly locale?: string | undefined;
  /** Platform and thread the turn belongs to, kept in the message metadata (Slack assistant thread ts, channel ids). */
  readonly platform?: { readonly name: 'discord' | 'slack' | 'console'; readonly channel?: string; readonly thread?: string } | undefined;
}

/** How a platform shows a turn while it is produced. Every callback is optional and awaited in order. */
export interface CoachStreamEvents {
  /** Once, before the provider is asked: a typing indicator or a "thinking…" status. */
  onThinking?(): void | Promise<void>;
  /** Visible text in order; the chunks joined equal the final reply's `text`. */
  onText?(delta: string): void | Promise<void>;
}

export interface CoachReply {
  readonly conversationId: string;
  /** `coach_messages.id` of the coach's message: what feedback buttons point at. */
  readonly messageId: string;
  readonly text: string;
  readonly source: CoachReplySource;
  readonly messageType: CoachMessageType;
  /** A catalog mission that fits what was said, for a "start it" button. */
  readonly suggestedMission?: { readonly id: string; readonly title: string } | undefined;
  /** Achievements this turn earned (a first coach session, say), for the platform to celebrate. */
  readonly celebrate?: readonly EarnedAchievement[] | undefined;
}

export type CoachFeedback = 'helpful' | 'not_helpful';

export interface CoachService {
  /** One message to the coach in a DM. Turns of one person run one at a time, in arrival order. */
  message(input: CoachTurnInput, events?: CoachStreamEvents): Promise<CoachReply>;
  /** Opens a conversation (ending an open one): a greeting, or with `scenario` the coach's opening line in that role-play. */
  start(input: Omit<CoachTurnInput, 'text'> & { readonly scenario?: string | undefined }, events?: CoachStreamEvents): Promise<CoachReply>;
  /**
   * Ends the person's open conversation with a summary; `ended: false` when none was open.
   * Ending a role-play first gives feedback on it (`feedback`, stored like any coach reply).
   */
  end(user: CompanionUser): Promise<{ readonly ended: boolean; readonly summary?: string | undefined; readonly feedback?: CoachReply | undefined }>;
  /** Stores a feedback answer in the coach message's metadata; false when the message is not that person's. */
  feedback(userId: string, messageId: string, value: CoachFeedback): Promise<boolean>;
  /** Ends (and summarises) every conversation idle for 30 minutes; returns how many. */
  closeIdleConversations(): Promise<number>;
  /** Waits for turns in flight (graceful shutdown). */
  drain(): Promise<void>;
}
