/**
 * The coach service (`CoachService` in types.ts): conversations with memory,
 * role-play practice, tips, safety before the model, the model streamed with a
 * hard deadline, the offline coach whenever the model cannot answer, daily caps,
 * and one turn at a time per person.
 *
 * Every turn stores the person's message before anything else can fail, so
 * nothing they wrote is lost. Logs carry ids only.
 */
import type { Config } from '../config.ts';
import { evaluateAchievements, type EarnedAchievement } from '../core/achievements.ts';
import { inTransaction, type CoreDeps } from '../core/deps.ts';
import { localDate, zonedTimeToInstant } from '../core/time.ts';
import type { CompanionUser } from '../core/users.ts';
import type { Logger } from '../logger.ts';
import { buildPrompt, estimateTokens, loadCoachContext, messagesTokens, summaryPrompt, type CoachContext, type PromptMode } from './context.ts';
import { asksForAdvice, asksForFeedback, asksForMission, categoryFor } from './intent.ts';
import { matchMission, missionCandidates, type MissionCandidate } from './mission-match.ts';
import { offlineContinuation, offlineReply, ruleSummary, type OfflineKind, type OfflineMission } from './offline.ts';
import { createOpenAIProvider, type ChatMessage, type CoachProvider, type TokenUsage } from './provider.ts';
import { crisisReply, detectCrisis, guardModelOutput, type CrisisCheck } from './safety.ts';
import {
  closeConversation,
  conversationMessages,
  createConversation,
  findOpenConversation,
  idleConversations,
  insertMessage,
  mergeCoachMessageMetadata,
  turnState,
  usageSince,
  type DailyUsage,
  type Metadata,
  type OpenConversation,
  type StoredMessage,
} from './store.ts';
import type { CoachFeedback, CoachMessageType, CoachReply, CoachReplySource, CoachService, CoachStreamEvents, CoachTurnInput } from './types.ts';

/** The `openai` section of the configuration, plus tuning that has sensible defaults. */
export type CoachConfig = Config['openai'] & {
  /** Longest reply the model may write, in tokens (default 400). */
  readonly maxReplyTokens?: number;
  /** Longest reply shown, in characters (default 1,500). */
  readonly maxReplyChars?: number;
  /** Most tokens (estimated) of context, history and message sent per turn (default 3,000). */
  readonly contextTokens?: number;
  /** Minutes without a message after which a conversation ends (default 30). */
  readonly idleMinutes?: number;
};

export interface CreateCoachOptions {
  readonly core: CoreDeps;
  readonly config: CoachConfig;
  readonly logger: Logger;
  /** Replaces the OpenAI provider (tests, other back ends); `null` forces the offline coach. */
  readonly provider?: CoachProvider | null;
}

/** What one role-play is, kept in the coach messages' metadata so it survives restarts. */
interface Scene {
  readonly scenario: string;
  /** The coach's lines so far, to vary the offline coach's lines. */
  readonly turns: number;
}

const MAX_SCENARIO_CHARS = 500;
/** Idle conversations summarised at once by `closeIdleConversations`. */
const SUMMARY_CONCURRENCY = 4;

/** A conversation as a turn sees it: opening it may have earned achievements to celebrate. */
type TurnConversation = OpenConversation & { readonly earned?: readonly EarnedAchievement[] };

export function createCoach(options: CreateCoachOptions): CoachService {
  const { core, config } = options;
  const logger = options.logger.child({ component: 'coach' });
  const provider = options.provider === undefined ? createOpenAIProvider(config) : (options.provider ?? undefined);
  const maxReplyTokens = config.maxReplyTokens ?? 400;
  const maxReplyChars = config.maxReplyChars ?? 1500;
  const contextTokens = config.contextTokens ?? 3000;
  const idleMs = (config.idleMinutes ?? 30) * 60_000;

  // One chain per person: their turns run one at a time, in arrival order.
  const chains = new Map<string, Promise<void>>();
  const inFlight = new Set<Promise<void>>();
  function serial<T>(userId: string, fn: () => Promise<T>): Promise<T> {
    const previous = chains.get(userId) ?? Promise.resolve();
    const run = previous.then(fn);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    chains.set(userId, tail);
    inFlight.add(tail);
    void tail.then(() => {
      inFlight.delete(tail);
      if (chains.get(userId) === tail) chains.delete(userId);
    });
    return run;
  }

  // ---------------------------------------------------------------------------
  // Conversations
  // ---------------------------------------------------------------------------

  /** A new conversation; it is a coach session, which can earn an achievement. */
  async function newConversation(user: CompanionUser): Promise<TurnConversation> {
    const conversation = await createConversation(core, user.id);
    try {
      const now = core.clock.now();
      const { newAchievements } = await inTransaction(core, (tx) => evaluateAchievements(tx, user.id, localDate(now, user.settings.timezone), now));
      return newAchievements.length ? { ...conversation, earned: newAchievements } : conversation;
    } catch (error) {
      logger.warn({ userId: user.id, conversationId: conversation.id, reason: errorKind(error) }, 'coach achievements check failed');
      return conversation;
    }
  }

  /** Whether a message may be shown to the model: never a crisis message, the safety reply or a cap notice. */
  const forModel = (m: StoredMessage) => m.metadata.crisis !== true && m.metadata.source !== 'safety' && m.metadata.source !== 'limit';

  async function summarise(conversation: OpenConversation, messages: StoredMessage[]): Promise<string> {
    const visible = messages.filter(forModel);
    const userMessages = visible.filter((m) => m.sender === 'user');
    const fallback = () =>
      ruleSummary({
        userMessages: messages.filter((m) => m.sender === 'user').length,
        types: visible.map((m) => m.messageType),
        scenarios: visible.map((m) => m.metadata.scenario).filter((s): s is string => typeof s === 'string').slice(0, 1),
        categories: userMessages.map((m) => categoryFor(m.content)).filter((c): c is string => c !== undefined),
        missions: visible.map((m) => (m.metadata.suggestedMission as { title?: unknown } | undefined)?.title).filter((t): t is string => typeof t === 'string'),
      });
    if (!provider || userMessages.length === 0) return fallback();
    const signal = AbortSignal.timeout(config.timeoutMs);
    try {
      const transcript: ChatMessage[] = visible.map((m) => ({ role: m.sender === 'user' ? 'user' : 'assistant', content: m.content }));
      const result = await provider.complete({ messages: summaryPrompt(transcript, contextTokens), maxTokens: 120, signal });
      const text = guardModelOutput(result.text.trim()).text.trim();
      if (!text) return fallback();
      return text.length > 400 ? `${text.slice(0, 399)}…` : text;
    } catch (error) {
      logger.warn({ conversationId: conversation.id, reason: errorKind(error) }, 'coach summary fell back to rules');
      return fallback();
    }
  }

  async function endConversation(conversation: OpenConversation): Promise<string | undefined> {
    const messages = await conversationMessages(core, conversation.id, 200);
    const summary = await summarise(conversation, messages);
    const closed = await closeConversation(core, conversation.id, summary);
    if (closed) logger.info({ userId: conversation.userId, conversationId: conversation.id }, 'coach conversation ended');
    return closed ? summary : undefined;
  }

  /** The role-play the conversation is in, if its newest coach message is a scene line. */
  function sceneOf(messages: readonly StoredMessage[]): Scene | undefined {
    // A cap notice leaves the scene where it was; a safety reply ends it.
    const last = [...messages].reverse().find((m) => m.sender === 'coach' && m.metadata.source !== 'limit');
    if (!last || last.metadata.roleplay !== true || typeof last.metadata.scenario !== 'string') return undefined;
    const turns = typeof last.metadata.sceneTurn === 'number' ? last.metadata.sceneTurn : 0;
    return { scenario: last.metadata.scenario, turns };
  }

  // ---------------------------------------------------------------------------
  // Caps
  // ---------------------------------------------------------------------------

  function capReached(usage: DailyUsage): 'messages' | 'tokens' | undefined {
    if (usage.messages >= config.dailyMessages) return 'messages';
    if (usage.tokens >= config.dailyTokens) return 'tokens';
    return undefined;
  }

  async function overCap(user: CompanionUser): Promise<'messages' | 'tokens' | undefined> {
    return capReached(await usageSince(core, user.id, dayStart(user)));
  }

  function limitText(user: CompanionUser, which: 'messages' | 'tokens'): string {
    const what = which === 'messages' ? `the ${config.dailyMessages} messages I can answer each day` : "today's coaching time";
    return `We've reached ${what}, ${user.firstName}, so I'll rest until tomorrow. Your message is saved, and nothing is lost. In the meantime, a journal entry or a small mission from your list is a great way to keep going. I'll be glad to pick this up with you tomorrow.`;
  }

  // ---------------------------------------------------------------------------
  // Producing a reply
  // ---------------------------------------------------------------------------

  interface Produced {
    readonly text: string;
    readonly source: CoachReplySource;
    readonly metadata: Metadata;
  }

  async function emit(events: CoachStreamEvents | undefined, text: string, ids: Metadata): Promise<void> {
    if (!text || !events?.onText) return;
    try {
      await events.onText(text);
    } catch (error) {
      // The platform could not show a piece; the reply is still stored and returned whole.
      logger.warn({ ...ids, reason: errorKind(error) }, 'coach stream display failed');
    }
  }

  async function thinking(events: CoachStreamEvents | undefined, ids: Metadata): Promise<void> {
    try {
      await events?.onThinking?.();
    } catch (error) {
      logger.warn({ ...ids, reason: errorKind(error) }, 'coach thinking indicator failed');
    }
  }

  /**
   * Asks the model, streaming what it writes through the guard to `events`; the
   * offline coach answers when there is no model or it fails before writing
   * anything, and finishes the reply when it fails partway.
   */
  async function produce(
    messages: ChatMessage[] | undefined,
    offline: () => string,
    continuation: () => string,
    events: CoachStreamEvents | undefined,
    ids: Metadata,
  ): Promise<Produced> {
    if (!provider || !messages) {
      const text = offline();
      await emit(events, text, ids);
      return { text, source: 'offline', metadata: { offlineReason: 'no_model' } };
    }
    // Not awaited before the request: the indicator and the provider's work overlap. The
    // first text still waits for it, so the platform sees thinking, then text, in order.
    const indicated = thinking(events, ids);
    const show = async (text: string) => {
      await indicated;
      await emit(events, text, ids);
    };

    let shown = '';
    let pending = '';
    let raw = '';
    let capped = false;
    let reasons: readonly string[] = [];

    // Text is shown a sentence (or line) at a time. The guard works sentence by sentence
    // over everything released so far, so what it adds to the shown text is exactly the
    // new part, and the pieces shown always join to the stored reply.
    const release = async (piece: string): Promise<void> => {
      if (!piece || capped) return;
      raw += piece;
      const guarded = guardModelOutput(raw);
      if (guarded.changed) reasons = guarded.reasons;
      let out = guarded.text.startsWith(shown) ? guarded.text.slice(shown.length) : guardModelOutput(piece).text;
      const room = maxReplyChars - shown.length;
      if (out.length > room) {
        const cut = out.slice(0, Math.max(0, room - 1));
        const space = cut.lastIndexOf(' ');
        out = `${space > room / 2 ? cut.slice(0, space) : cut}…`;
        capped = true;
      }
      shown += out;
      await show(out);
    };
    const boundary = (text: string): number => {
      let end = -1;
      const re = /[.!?…]+["'”’)\]]*\s+|\n+/g;
      for (let m = re.exec(text); m; m = re.exec(text)) end = m.index + m[0].length;
      return end;
    };

    const controller = new AbortController();
    const deadline = setTimeout(() => controller.abort(new Error('coach turn deadline')), config.timeoutMs);
    const promptTokens = messagesTokens(messages);
    try {
      const result = await provider.stream({
        messages,
        maxTokens: maxReplyTokens,
        signal: controller.signal,
        onDelta: async (delta) => {
          pending += delta;
          const end = boundary(pending);
          if (end > 0) {
            const piece = pending.slice(0, end);
            pending = pending.slice(end);
            await release(piece);
          }
          return capped ? 'stop' : undefined;
        },
      });
      await release(pending);
      pending = '';
      if (!shown.trim()) throw new EmptyReplyError();
      const usage = result.usage ?? estimatedUsage(promptTokens, shown);
      return {
        text: shown,
        source: 'model',
        metadata: {
          usage: usageJson(usage, result.usage === undefined),
          ...(reasons.length ? { guarded: true, guardReasons: [...reasons] } : {}),
          ...(capped ? { truncated: true } : {}),
        },
      };
    } catch (error) {
      const reason = controller.signal.aborted ? 'deadline' : errorKind(error);
      logger.warn({ ...ids, reason, partial: shown.length > 0 || pending.length > 0 }, 'coach model failed; the offline coach answers');
      // A failed request still costs something; count what was sent and shown.
      const usage = usageJson(estimatedUsage(promptTokens, shown + pending), true);
      if (!shown && !pending.trim()) {
        const text = offline();
        await show(text);
        return { text, source: 'offline', metadata: { offlineReason: reason, usage } };
      }
      await release(pending);
      const tail = continuation();
      shown += tail;
      await show(tail);
      return {
        text: shown,
        source: 'offline',
        metadata: { offlineReason: reason, partial: true, usage, ...(reasons.length ? { guarded: true, guardReasons: [...reasons] } : {}) },
      };
    } finally {
      clearTimeout(deadline);
    }
  }

  // ---------------------------------------------------------------------------
  // Turns
  // ---------------------------------------------------------------------------

  function platformMeta(input: Pick<CoachTurnInput, 'platform' | 'locale'>): Metadata {
    return {
      ...(input.platform ? { platform: { ...input.platform } } : {}),
      ...(input.locale ? { locale: input.locale } : {}),
    };
  }

  async function reply(
    conversation: TurnConversation,
    produced: { text: string; source: CoachReplySource; metadata: Metadata },
    messageType: CoachMessageType,
    extra: Metadata,
    suggested: OfflineMission | undefined,
  ): Promise<CoachReply> {
    const stored = await insertMessage(core, conversation.id, {
      sender: 'coach',
      content: produced.text,
      messageType,
      metadata: {
        source: produced.source,
        ...produced.metadata,
        ...extra,
        ...(suggested ? { suggestedMission: { id: suggested.id, title: suggested.title } } : {}),
      },
    });
    return {
      conversationId: conversation.id,
      messageId: stored.id,
      text: produced.text,
      source: produced.source,
      messageType,
      ...(suggested ? { suggestedMission: { id: suggested.id, title: suggested.title } } : {}),
      ...(conversation.earned?.length ? { celebrate: conversation.earned } : {}),
    };
  }

  /** Safety and caps, shared by messages and scenario starts. Returns a reply when the turn ends here. */
  async function gate(
    user: CompanionUser,
    conversation: OpenConversation,
    text: string,
    messageType: CoachMessageType,
    input: Pick<CoachTurnInput, 'platform' | 'locale'>,
    extra: Metadata,
    events: CoachStreamEvents | undefined,
    checked: { crisis?: CrisisCheck; cap?: 'messages' | 'tokens' | undefined | Promise<'messages' | 'tokens' | undefined> } = {},
  ): Promise<CoachReply | undefined> {
    const ids = { userId: user.id, conversationId: conversation.id };
    const crisis = checked.crisis ?? detectCrisis(text);
    if (crisis.crisis) {
      await insertMessage(core, conversation.id, {
        sender: 'user',
        content: text,
        messageType,
        metadata: { ...platformMeta(input), ...extra, crisis: true, signals: [...crisis.signals] },
      });
      logger.warn(ids, 'coach crisis reply sent; the model was not asked');
      const safe = crisisReply(input.locale);
      await emit(events, safe, ids);
      return reply(conversation, { text: safe, source: 'safety', metadata: {} }, 'text', { crisisReply: true }, undefined);
    }
    const cap = 'cap' in checked ? await checked.cap : await overCap(user);
    await insertMessage(core, conversation.id, {
      sender: 'user',
      content: text,
      messageType,
      metadata: { ...platformMeta(input), ...extra, ...(cap ? { limited: cap } : {}) },
    });
    if (cap) {
      logger.info({ ...ids, cap }, 'coach daily cap reached');
      const limit = limitText(user, cap);
      await emit(events, limit, ids);
      return reply(conversation, { text: limit, source: 'limit', metadata: {} }, 'text', {}, undefined);
    }
    return undefined;
  }

  const history = (messages: readonly StoredMessage[]): ChatMessage[] =>
    messages.filter(forModel).map((m) => ({ role: m.sender === 'user' ? 'user' : 'assistant', content: m.content }));

  function prompt(context: CoachContext, mode: PromptMode, past: ChatMessage[], userText: string | undefined, mission: OfflineMission | undefined) {
    return buildPrompt({ context, mode, history: past, userText, missionTitle: mission?.title, budgetTokens: contextTokens }).messages;
  }

  async function safeMatch(
    user: CompanionUser,
    context: CoachContext,
    text: string,
    fallbackToSuggestion: boolean,
    candidates?: Promise<MissionCandidate[]>,
  ): Promise<OfflineMission | undefined> {
    try {
      return await matchMission(core, user.id, context, text, { fallbackToSuggestion, candidates });
    } catch (error) {
      logger.warn({ userId: user.id, reason: errorKind(error) }, 'coach mission match failed');
      return undefined;
    }
  }

  /** Midnight where the person is: the daily caps count from here. */
  function dayStart(user: CompanionUser): Date {
    const tz = user.settings.timezone;
    return zonedTimeToInstant(localDate(core.clock.now(), tz), '00:00', tz);
  }

  /** Ends a conversation a newer one replaced; a failure is logged (the idle sweep tries again). */
  async function endReplaced(conversation: OpenConversation): Promise<void> {
    try {
      await endConversation(conversation);
    } catch (error) {
      logger.warn({ userId: conversation.userId, conversationId: conversation.id, reason: errorKind(error) }, 'coach could not end an idle conversation');
    }
  }

  async function messageTurn(input: CoachTurnInput, events: CoachStreamEvents | undefined): Promise<CoachReply> {
    const { user } = input;
    const text = input.text.trim();
    // One statement for the open conversation, its messages and today's usage: the time
    // before the first visible text is what people feel.
    const state = await turnState(core, user.id, dayStart(user));
    const fresh = state.open && core.clock.now().getTime() - state.open.lastActivityAt.getTime() < idleMs ? state.open : undefined;
    // An idle conversation is summarised only after this message is stored (its summary asks the model).
    const replaced = fresh ? undefined : state.open;
    const conversation: TurnConversation = fresh ?? (await newConversation(user));
    const before = fresh ? state.messages : [];
    if (!text) {
      // An empty message (a bare attachment, say) has nothing to store or ask the model about.
      if (replaced) await endReplaced(replaced);
      const context = await loadCoachContext(core, user);
      const greeting = offlineReply({ context, mode: { kind: 'greeting' } });
      await emit(events, greeting, { userId: user.id, conversationId: conversation.id });
      return reply(conversation, { text: greeting, source: 'offline', metadata: { offlineReason: 'empty_message' } }, 'text', {}, undefined);
    }
    const crisis = detectCrisis(text);
    const cap = crisis.crisis ? undefined : capReached(state.usage);
    const scene = sceneOf(before);
    const feedback = scene !== undefined && asksForFeedback(text);
    const advice = !scene && asksForAdvice(text);
    const messageType: CoachMessageType = scene ? 'scenario' : advice ? 'advice' : 'text';

    // For a turn that may reach the model, the context and the fitting missions are read
    // alongside storing the message (after ending a replaced conversation, whose summary is memory).
    const goes = !crisis.crisis && !cap;
    const loading = goes && !replaced ? loadCoachContext(core, user) : undefined;
    const candidates = goes && !scene ? missionCandidates(core, user.id, text) : undefined;
    loading?.catch(() => {});
    candidates?.catch(() => {});
    const stopped = await gate(user, conversation, text, messageType, input, {}, events, { crisis, cap });
    // A turn that stops here leaves a replaced conversation to the idle sweep: nothing waits on the model.
    if (stopped) return stopped;
    if (replaced) await endReplaced(replaced);

    const ids = { userId: user.id, conversationId: conversation.id };
    const context = await (loading ?? loadCoachContext(core, user));
    const past = history(before);
    if (scene && !feedback) {
      const mode: PromptMode = { kind: 'roleplay', scenario: scene.scenario, opening: false };
      const offline: OfflineKind = { kind: 'roleplay', scenario: scene.scenario, opening: false, turn: scene.turns + 1 };
      const produced = await produce(
        prompt(context, mode, past, text, undefined),
        () => offlineReply({ context, mode: offline, text }),
        () => '',
        events,
        ids,
      );
      return reply(conversation, produced, 'scenario', { roleplay: true, scenario: scene.scenario, sceneTurn: scene.turns + 1 }, undefined);
    }
    if (scene && feedback) {
      return feedbackTurn(user, conversation, context, scene, [...past, { role: 'user', content: text }], events);
    }

    const wantsMission = asksForMission(text);
    const mission = await safeMatch(user, context, text, advice || wantsMission || !provider, candidates);
    const mode: PromptMode = advice ? { kind: 'advice' } : { kind: 'text' };
    const offline: OfflineKind = advice ? { kind: 'advice' } : { kind: 'text' };
    const produced = await produce(
      prompt(context, mode, past, text, mission),
      () => offlineReply({ context, mode: offline, text, mission }),
      () => offlineContinuation({ context, mode: offline, text, mission }),
      events,
      ids,
    );
    // A mission is offered when it fits what they said or they asked for one; the offline
    // coach offers the one its reply names (a greeting or a date names none).
    const offered =
      mission && (produced.source === 'model' ? advice || wantsMission || categoryFor(text) !== undefined : produced.text.includes(`"${mission.title}"`))
        ? mission
        : undefined;
    return reply(conversation, produced, messageType, {}, offered);
  }

  async function feedbackTurn(
    user: CompanionUser,
    conversation: OpenConversation,
    context: CoachContext,
    scene: Scene,
    transcript: ChatMessage[],
    events: CoachStreamEvents | undefined,
  ): Promise<CoachReply> {
    const ids = { userId: user.id, conversationId: conversation.id };
    const mission = await safeMatch(user, context, scene.scenario, true);
    const mode: PromptMode = { kind: 'feedback', scenario: scene.scenario };
    const offline: OfflineKind = { kind: 'feedback', scenario: scene.scenario, transcript };
    const last = transcript[transcript.length - 1];
    const produced = await produce(
      prompt(context, mode, last?.role === 'user' ? transcript.slice(0, -1) : transcript, last?.role === 'user' ? last.content : 'How did I do?', mission),
      () => offlineReply({ context, mode: offline, mission }),
      () => offlineContinuation({ context, mode: { kind: 'text' }, mission }),
      events,
      ids,
    );
    return reply(conversation, produced, 'scenario', { roleplay: false, scenario: scene.scenario, sceneFeedback: true }, mission);
  }

  async function startTurn(
    input: Omit<CoachTurnInput, 'text'> & { readonly scenario?: string | undefined },
    events: CoachStreamEvents | undefined,
  ): Promise<CoachReply> {
    const { user } = input;
    const open = await findOpenConversation(core, user.id);
    const conversation = await newConversation(user);
    const ids = { userId: user.id, conversationId: conversation.id };
    const scenario = input.scenario?.trim().slice(0, MAX_SCENARIO_CHARS);
    if (!scenario) {
      // No message to store: the old conversation ends first, so its summary is in the context.
      if (open) await endReplaced(open);
      const [context, cap] = await Promise.all([loadCoachContext(core, user), overCap(user)]);
      if (cap) {
        const limit = limitText(user, cap);
        await emit(events, limit, ids);
        return reply(conversation, { text: limit, source: 'limit', metadata: {} }, 'text', {}, undefined);
      }
      const produced = await produce(
        prompt(context, { kind: 'greeting' }, [], undefined, undefined),
        () => offlineReply({ context, mode: { kind: 'greeting' } }),
        () => offlineContinuation({ context, mode: { kind: 'text' } }),
        events,
        ids,
      );
      return reply(conversation, produced, 'text', { greeting: true }, undefined);
    }
    // The scenario is what they wrote: safety first, and it is stored before any model call
    // (ending the old conversation asks the model for its summary).
    const stopped = await gate(user, conversation, scenario, 'scenario', input, { scenario, sceneStart: true }, events);
    if (stopped) return stopped;
    if (open) await endReplaced(open);
    const context = await loadCoachContext(core, user);
    const produced = await produce(
      prompt(context, { kind: 'roleplay', scenario, opening: true }, [], `Let's practise this situation: ${scenario}`, undefined),
      () => offlineReply({ context, mode: { kind: 'roleplay', scenario, opening: true, turn: 0 } }),
      () => '',
      events,
      ids,
    );
    return reply(conversation, produced, 'scenario', { roleplay: true, scenario, sceneTurn: 0 }, undefined);
  }

  return {
    message(input, events) {
      return serial(input.user.id, () => messageTurn(input, events));
    },

    start(input, events) {
      return serial(input.user.id, () => startTurn(input, events));
    },

    end(user) {
      return serial(user.id, async () => {
        const open = await findOpenConversation(core, user.id);
        if (!open) return { ended: false };
        const messages = await conversationMessages(core, open.id);
        const scene = sceneOf(messages);
        let feedback: CoachReply | undefined;
        // Past the daily cap the practice still ends, just without the feedback turn.
        if (scene && !(await overCap(user))) {
          const context = await loadCoachContext(core, user);
          feedback = await feedbackTurn(user, open, context, scene, history(messages), undefined);
        }
        const summary = await endConversation(open);
        return { ended: summary !== undefined, summary, ...(feedback ? { feedback } : {}) };
      });
    },

    async feedback(userId, messageId, value: CoachFeedback) {
      if (value !== 'helpful' && value !== 'not_helpful') return false;
      return mergeCoachMessageMetadata(core, userId, messageId, { feedback: value, feedback_at: core.clock.now().toISOString() });
    },

    async closeIdleConversations() {
      const cutoff = new Date(core.clock.now().getTime() - idleMs);
      let idle: OpenConversation[];
      try {
        idle = await idleConversations(core, cutoff);
      } catch (error) {
        // Called from a timer: a failure is logged, and the next tick tries again.
        logger.error({ reason: errorKind(error) }, 'coach idle scan failed');
        return 0;
      }
      // A few at a time: each may ask the model for a summary.
      let ended = 0;
      let next = 0;
      const worker = async () => {
        while (next < idle.length) {
          const c = idle[next++]!;
          if (await closeIdle(c)) ended += 1;
        }
      };
      await Promise.all(Array.from({ length: Math.min(SUMMARY_CONCURRENCY, idle.length) }, worker));
      return ended;
    },

    async drain() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };

  function closeIdle(c: OpenConversation): Promise<boolean> {
    return serial(c.userId, async () => {
      // A turn may have arrived while this waited its place in line.
      const current = await findOpenConversation(core, c.userId);
      if (!current || current.id !== c.id || current.lastActivityAt.getTime() > core.clock.now().getTime() - idleMs) return false;
      return (await endConversation(current)) !== undefined;
    }).catch((error: unknown) => {
      logger.error({ conversationId: c.id, reason: errorKind(error) }, 'coach idle close failed');
      return false;
    });
  }
}

class EmptyReplyError extends Error {
  override readonly name = 'EmptyReplyError';
}

function estimatedUsage(promptTokens: number, completion: string): TokenUsage {
  const completionTokens = estimateTokens(completion);
  return { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens };
}

function usageJson(usage: TokenUsage, estimated: boolean): Metadata {
  return {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.totalTokens,
    ...(estimated ? { estimated: true } : {}),
  };
}

/** A short, content-free name for a failure, for logs and metadata. */
function errorKind(error: unknown): string {
  if (!error || typeof error !== 'object') return 'unknown';
  const e = error as { name?: unknown; status?: unknown; message?: unknown };
  if (typeof e.status === 'number') return `http_${e.status}`;
  if (e.message === 'coach turn deadline') return 'deadline';
  return typeof e.name === 'string' ? e.name : 'unknown';
}
