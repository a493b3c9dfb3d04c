/**
 * The coach on Slack. In the Agents & AI Apps side panel (Bolt's `Assistant`):
 * a greeting and suggested prompts when a thread starts; for each message a
 * "thinking" status, the reply streamed with chat.startStream / appendStream /
 * stopStream, and feedback buttons under it. Where a workspace has no AI Apps,
 * a plain DM to the app works the same way with an ordinary message that is
 * updated as the reply grows.
 *
 * Coach text only ever goes to the person's IM with the app (an assistant
 * thread lives there too), never into a channel. People are resolved through
 * core; the conversation itself is the coach service's business.
 */
import { Assistant, type App, type webApi } from '@slack/bolt';
import { createArrivalOrder, failure, handToCoach } from '../../coach/direct-message.ts';
import { resolveUser, type CompanionUser, type PlatformUser } from '../../core/users.ts';
import type { Logger } from '../../logger.ts';
import type { CoachFeedback, CoachReply } from '../../coach/types.ts';
import { GENERIC_FAILURE, type RouterDeps } from '../../router/dispatch.ts';
import { createTextPacer } from '../text-pacer.ts';
import type { SlackProfiles } from './profiles.ts';

type WebClient = webApi.WebClient;

/** Every coach feedback button's action_id starts with this; the adapter's catch-all action listener leaves them alone. */
export const COACH_FEEDBACK_ACTION = /^coach_feedback/;
/** Matches every action_id except the coach's feedback buttons (for the adapter's catch-all listener). */
export const NOT_COACH_ACTION = /^(?!coach_feedback)/;

export const THINKING_STATUS = 'is thinking…';
/** The placeholder a plain DM shows until the first words arrive (DMs have no typing indicator for apps). */
export const DM_PLACEHOLDER = '_Thinking…_';
export const SUGGESTED_PROMPTS_TITLE = 'Where would you like to start?';
export const SUGGESTED_PROMPTS = [
  { title: 'Practise a conversation', message: "I'd like to practise a conversation. Could you play the other person, then tell me how I did?" },
  { title: "Plan this week's mission", message: "Help me plan this week's mission: something small I could really do." },
  { title: 'Reflect on today', message: 'Can you help me reflect on today? Ask me one question at a time.' },
] as const;
export const FEEDBACK_THANKS: Readonly<Record<CoachFeedback, string>> = {
  helpful: "Thanks for telling me. I'm glad that helped.",
  not_helpful: "Thanks for telling me. I'll keep that in mind; you can always tell me what would help more.",
};
export const FEEDBACK_GONE = "That feedback button isn't available any more, but thank you for wanting to tell me.";
export const COACH_METADATA_EVENT = 'extrovertly_coach_reply';

/** Stream appends and message updates: at most one every this many ms after the first words. */
export const STREAM_INTERVAL_MS = 500;
export const UPDATE_INTERVAL_MS = 1_200;
/** Slack's limit for markdown text in one message. */
const MARKDOWN_MAX = 12_000;
const FALLBACK_MAX = 3_000;

export function greeting(firstName: string): string {
  return `Hi ${firstName}! I'm your Extrovertly coach. This space is private: just you and me. We can practise a conversation, plan a small mission, or look back on your day. What's on your mind?`;
}

/** A Slack account as core knows people: keyed by workspace, with the name and zone Slack reports. */
function slackPerson(teamId: string | undefined, userId: string, profile: { readonly name?: string | undefined; readonly timezone?: string | undefined }): PlatformUser {
  return { platform: 'slack', externalId: userId, workspaceId: teamId, displayName: profile.name ?? '', timezone: profile.timezone };
}

export interface CoachAssistantOptions {
  readonly router: RouterDeps;
  readonly logger: Logger;
  readonly profiles: SlackProfiles;
  readonly streamIntervalMs?: number;
  readonly updateIntervalMs?: number;
}

export interface CoachAssistant {
  /** Resolves when every coach turn in flight has been answered. */
  idle(): Promise<void>;
}

/** What a person's message event carries, when it is one the coach should answer. */
interface PersonMessage {
  readonly user: string;
  readonly text: string;
  readonly channel: string;
  readonly threadTs?: string | undefined;
}

/** A message typed by a person in the app's IM: no subtype (edits, joins), no bot, some text. */
export function personMessage(event: unknown): PersonMessage | undefined {
  const e = (event ?? {}) as Record<string, unknown>;
  if (e.type !== 'message' || e.channel_type !== 'im') return undefined;
  if (e.subtype !== undefined || e.bot_id !== undefined || e.bot_profile !== undefined) return undefined;
  if (typeof e.user !== 'string' || typeof e.channel !== 'string' || typeof e.text !== 'string' || !e.text.trim()) return undefined;
  return { user: e.user, text: e.text, channel: e.channel, threadTs: typeof e.thread_ts === 'string' ? e.thread_ts : undefined };
}

/** `helpful:<messageId>` from a feedback button's value. */
export function parseFeedbackValue(value: unknown): { value: CoachFeedback; messageId: string } | undefined {
  if (typeof value !== 'string') return undefined;
  const colon = value.indexOf(':');
  const kind = value.slice(0, colon);
  const messageId = value.slice(colon + 1);
  if (colon < 0 || !messageId || (kind !== 'helpful' && kind !== 'not_helpful')) return undefined;
  return { value: kind, messageId };
}

/** Feedback is offered on coaching replies, not on the crisis resources or the daily-limit note. */
function wantsFeedback(reply: CoachReply): boolean {
  return reply.source === 'model' || reply.source === 'offline';
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

type Block = Record<string, unknown>;

/** Native feedback buttons (a context_actions block), for assistant threads. */
function nativeFeedback(reply: CoachReply): Block[] {
  if (!wantsFeedback(reply)) return [];
  return [
    {
      type: 'context_actions',
      elements: [
        {
          type: 'feedback_buttons',
          action_id: 'coach_feedback',
          positive_button: { text: { type: 'plain_text', text: 'Helpful' }, accessibility_label: 'This was helpful', value: `helpful:${reply.messageId}` },
          negative_button: { text: { type: 'plain_text', text: 'Not helpful' }, accessibility_label: 'This was not helpful', value: `not_helpful:${reply.messageId}` },
        },
      ],
    },
  ];
}

/** Ordinary buttons: the feedback (plain DMs) and a suggested mission (both). */
function buttons(reply: CoachReply, withFeedback: boolean): Block[] {
  const elements: Block[] = [];
  if (withFeedback && wantsFeedback(reply)) {
    elements.push(
      { type: 'button', action_id: 'coach_feedback_helpful', text: { type: 'plain_text', text: '👍 Helpful', emoji: true }, value: `helpful:${reply.messageId}` },
      { type: 'button', action_id: 'coach_feedback_not_helpful', text: { type: 'plain_text', text: '👎 Not helpful', emoji: true }, value: `not_helpful:${reply.messageId}` },
    );
  }
  const mission = reply.suggestedMission;
  // The id the mission command's own buttons use, so a press goes through the adapter's usual action path.
  if (mission && `mission:start:${mission.id}`.length <= 255) {
    elements.push({
      type: 'button',
      action_id: `mission:start:${mission.id}`,
      style: 'primary',
      text: { type: 'plain_text', text: clip(`Start: ${mission.title}`, 75), emoji: true },
    });
  }
  return elements.length ? [{ type: 'actions', elements }] : [];
}

function metadata(reply: CoachReply) {
  return {
    event_type: COACH_METADATA_EVENT,
    event_payload: { conversation_id: reply.conversationId, message_id: reply.messageId, source: reply.source, message_type: reply.messageType },
  };
}

/** The text still to show once the turn is over: what the stream has not carried yet, or a kind failure line. */
function remainder(streamed: string, reply: CoachReply | undefined): string {
  if (!reply) return `${streamed ? '\n\n' : ''}${GENERIC_FAILURE}`;
  return reply.text.startsWith(streamed) ? reply.text.slice(streamed.length) : '';
}

/** How one turn is shown: `thinking` and `text` while the coach works, `finish` with its reply (undefined when it failed). */
interface TurnView {
  thinking(): Promise<void>;
  text(delta: string): void;
  finish(reply: CoachReply | undefined): Promise<void>;
}

export function registerCoachAssistant(app: App, options: CoachAssistantOptions): CoachAssistant {
  const { router, profiles } = options;
  const logger = options.logger.child({ feature: 'coach' });
  const streamIntervalMs = options.streamIntervalMs ?? STREAM_INTERVAL_MS;
  const updateIntervalMs = options.updateIntervalMs ?? UPDATE_INTERVAL_MS;
  const inFlight = new Set<Promise<void>>();
  const admit = createArrivalOrder();

  const track = (work: Promise<void>): Promise<void> => {
    const tracked = work.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    return tracked;
  };

  async function person(client: WebClient, teamId: string | undefined, userId: string): Promise<CompanionUser> {
    return resolveUser(router.core, slackPerson(teamId, userId, await profiles.lookup(client, teamId, userId)));
  }

  /** An assistant thread: status, then Slack's native stream, closed with the feedback buttons. */
  function streamView(client: WebClient, where: { channel: string; threadTs: string; teamId: string | undefined; userId: string }): TurnView {
    let streamTs: string | undefined;
    let status: Promise<void> | undefined;
    const pacer = createTextPacer({
      intervalMs: streamIntervalMs,
      onError: (error) => logger.warn({ ...failure(error), channel: where.channel }, 'slack coach stream append failed'),
      flush: async (pending) => {
        if (streamTs === undefined) {
          // The status goes first (it usually has, long before the first words).
          await status;
          const started = await client.chat.startStream({
            channel: where.channel,
            thread_ts: where.threadTs,
            recipient_user_id: where.userId,
            ...(where.teamId ? { recipient_team_id: where.teamId } : {}),
            markdown_text: pending,
          });
          if (!started.ts) throw new Error('chat.startStream returned no ts');
          streamTs = started.ts;
        } else {
          await client.chat.appendStream({ channel: where.channel, ts: streamTs, markdown_text: pending });
        }
      },
    });
    return {
      // Not awaited: the provider is asked while Slack shows the status.
      async thinking() {
        status ??= client.assistant.threads
          .setStatus({ channel_id: where.channel, thread_ts: where.threadTs, status: THINKING_STATUS })
          .then(
            () => undefined,
            (error: unknown) => logger.warn({ ...failure(error), channel: where.channel }, 'slack assistant setStatus failed'),
          );
      },
      text: (delta) => pacer.push(delta),
      async finish(reply) {
        const { pending, full } = await pacer.finish();
        await status;
        const rest = clip(pending + remainder(full, reply), MARKDOWN_MAX);
        const blocks = reply ? [...nativeFeedback(reply), ...buttons(reply, false)] : [];
        if (streamTs !== undefined) {
          await client.chat.stopStream({
            channel: where.channel,
            ts: streamTs,
            ...(rest ? { markdown_text: rest } : {}),
            ...(blocks.length ? { blocks: blocks as never } : {}),
            ...(reply ? { metadata: metadata(reply) } : {}),
          });
          return;
        }
        // Nothing was streamed (the stream could not start, or the reply came whole): one ordinary message.
        const text = reply?.text || rest;
        await client.chat.postMessage({
          channel: where.channel,
          thread_ts: where.threadTs,
          text: clip(text, FALLBACK_MAX),
          blocks: [{ type: 'markdown', text: clip(text, MARKDOWN_MAX) }, ...blocks] as never,
          ...(reply ? { metadata: metadata(reply) } : {}),
        });
      },
    };
  }

  /**
   * A plain DM: a placeholder at once, then that one message updated as the reply
   * grows (at most every `updateIntervalMs`), and a last update with the buttons.
   * Updating one message keeps the DM tidy and shows the first words early.
   */
  function updateView(client: WebClient, channel: string): TurnView {
    let ts: string | undefined;
    let posting: Promise<void> | undefined;
    const show = async (text: string, extra: { blocks?: Block[]; metadata?: ReturnType<typeof metadata> } = {}) => {
      const content = {
        channel,
        text: clip(text, FALLBACK_MAX),
        blocks: [{ type: 'markdown', text: clip(text, MARKDOWN_MAX) }, ...(extra.blocks ?? [])] as never,
        ...(extra.metadata ? { metadata: extra.metadata } : {}),
      };
      if (ts === undefined) {
        const posted = await client.chat.postMessage(content);
        ts = posted.ts;
      } else {
        await client.chat.update({ ...content, ts });
      }
    };
    const pacer = createTextPacer({
      intervalMs: updateIntervalMs,
      onError: (error) => logger.warn({ ...failure(error), channel }, 'slack coach update failed'),
      flush: async (_pending, full) => {
        await posting;
        await show(full);
      },
    });
    return {
      // Not awaited: the provider is asked while the placeholder is posted; updates wait for it.
      async thinking() {
        posting ??= client.chat
          .postMessage({ channel, text: DM_PLACEHOLDER })
          .then((posted) => {
            ts ??= posted.ts;
          })
          .catch((error: unknown) => logger.warn({ ...failure(error), channel }, 'slack coach placeholder failed'));
      },
      text: (delta) => pacer.push(delta),
      async finish(reply) {
        const { full } = await pacer.finish();
        await posting;
        const text = reply ? reply.text || full : full + remainder(full, undefined);
        await show(text, reply ? { blocks: buttons(reply, true), metadata: metadata(reply) } : {});
      },
    };
  }

  async function answer(client: WebClient, teamId: string | undefined, message: PersonMessage, view: TurnView): Promise<void> {
    let reply: CoachReply | undefined;
    try {
      // In arrival order per person, across the assistant thread and the plain DM: the coach
      // queues turns as they are handed over, so hand them over in the order they came.
      const turn = await admit(`${teamId ?? ''}:${message.user}`, async () => {
        const profile = await profiles.lookup(client, teamId, message.user);
        return handToCoach(
          router,
          { ...slackPerson(teamId, message.user, profile), locale: profile.locale },
          message.text,
          {
            platform: { name: 'slack', channel: message.channel, thread: message.threadTs },
            events: { onThinking: () => view.thinking(), onText: (delta) => view.text(delta) },
          },
        );
      });
      reply = await turn.answered;
    } catch (error) {
      logger.error({ ...failure(error), user: message.user, channel: message.channel }, 'slack coach turn failed');
    }
    await view.finish(reply);
  }

  app.assistant(
    new Assistant({
      threadStarted: async ({ event, body, context, client }) => {
        const thread = event.assistant_thread;
        const teamId = body.team_id ?? context.teamId;
        await track(
          (async () => {
            const user = await person(client, teamId, thread.user_id);
            await client.chat.postMessage({ channel: thread.channel_id, thread_ts: thread.thread_ts, text: greeting(user.firstName) });
            await client.assistant.threads.setSuggestedPrompts({
              channel_id: thread.channel_id,
              thread_ts: thread.thread_ts,
              title: SUGGESTED_PROMPTS_TITLE,
              prompts: SUGGESTED_PROMPTS.map((p) => ({ ...p })),
            });
          })(),
        );
      },
      // The channel the person is looking at is not the coach's business: nothing is read or stored.
      threadContextChanged: async () => {},
      userMessage: async ({ message, body, context, client }) => {
        const m = personMessage(message);
        if (!m || m.threadTs === undefined) return;
        const teamId = body.team_id ?? context.teamId;
        await track(answer(client, teamId, m, streamView(client, { channel: m.channel, threadTs: m.threadTs, teamId, userId: m.user })));
      },
    }),
  );

  // No AI Apps: a top-level message in the app's DM (thread replies there went to the assistant above).
  app.event('message', async ({ event, body, context, client }) => {
    const m = personMessage(event);
    if (!m || m.threadTs !== undefined) return;
    await track(answer(client, body.team_id ?? context.teamId, m, updateView(client, m.channel)));
  });

  app.action(COACH_FEEDBACK_ACTION, async ({ ack, body, action, client }) => {
    await ack();
    if (body.type !== 'block_actions') return;
    const parsed = parseFeedbackValue((action as { value?: unknown }).value);
    const channel = body.channel?.id;
    const threadTs = (body.message as { thread_ts?: string } | undefined)?.thread_ts;
    let text = FEEDBACK_GONE;
    if (parsed) {
      const user = await person(client, body.user.team_id ?? body.team?.id ?? undefined, body.user.id);
      if (await router.coach.feedback(user.id, parsed.messageId, parsed.value)) text = FEEDBACK_THANKS[parsed.value];
    }
    if (!channel) return;
    await client.chat.postEphemeral({ channel, user: body.user.id, text, ...(threadTs ? { thread_ts: threadTs } : {}) });
  });

  return {
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
