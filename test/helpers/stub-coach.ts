/**
 * A scriptable CoachService for platform tests: it calls onThinking, then
 * onText with each scripted chunk after a small delay, and returns a CoachReply
 * whose text is the chunks joined. It records every turn and feedback answer.
 */
import type { CoachFeedback, CoachReply, CoachReplySource, CoachService, CoachStreamEvents, CoachTurnInput } from '../../src/coach/types.ts';

export interface CoachScript {
  readonly chunks: readonly string[];
  /** Milliseconds before each chunk. */
  readonly delayMs?: number;
  /** Milliseconds between onThinking and the first chunk (the provider's time to first token). */
  readonly firstDelayMs?: number;
  readonly source?: CoachReplySource;
  readonly thinking?: boolean;
  readonly suggestedMission?: { readonly id: string; readonly title: string };
  /** Rejects instead of answering (a service that broke). */
  readonly fail?: boolean;
}

export interface StubCoach extends CoachService {
  /** The script for the next turns (until changed). */
  script: CoachScript;
  readonly turns: CoachTurnInput[];
  readonly replies: CoachReply[];
  readonly feedbacks: Array<{ userId: string; messageId: string; value: CoachFeedback }>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function stubCoach(script: CoachScript = { chunks: ['Hello! ', 'How are you feeling today?'] }): StubCoach {
  let seq = 0;
  const stub: StubCoach = {
    script,
    turns: [],
    replies: [],
    feedbacks: [],
    async message(input: CoachTurnInput, events: CoachStreamEvents = {}) {
      const s = stub.script;
      stub.turns.push(input);
      seq += 1;
      if (s.thinking !== false) await events.onThinking?.();
      if (s.fail) throw new Error('stub coach failed');
      if (s.firstDelayMs) await sleep(s.firstDelayMs);
      for (const [i, chunk] of s.chunks.entries()) {
        if (s.delayMs && (i > 0 || !s.firstDelayMs)) await sleep(s.delayMs);
        await events.onText?.(chunk);
      }
      const reply: CoachReply = {
        conversationId: `conv-${input.user.id}`,
        messageId: `msg-${process.pid}-${seq}`,
        text: s.chunks.join(''),
        source: s.source ?? 'model',
        messageType: 'text',
        suggestedMission: s.suggestedMission,
      };
      stub.replies.push(reply);
      return reply;
    },
    async start() {
      throw new Error('not used by the platform tests');
    },
    async end() {
      return { ended: false };
    },
    async feedback(userId, messageId, value) {
      stub.feedbacks.push({ userId, messageId, value });
      return stub.replies.some((r) => r.messageId === messageId && r.conversationId === `conv-${userId}`);
    },
    async closeIdleConversations() {
      return 0;
    },
    async drain() {},
  };
  return stub;
}
