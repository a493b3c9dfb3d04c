/**
 * The coach in Discord DMs. A person's DM to the bot goes to the coach: a
 * typing indicator while it thinks (refreshed until the first words), then the
 * reply shown progressively by editing one message, at most one edit per
 * `editIntervalMs` plus the final one. A reply longer than Discord's 2,000
 * characters continues in follow-up messages. Under the last one: feedback
 * buttons, and "Start" for a mission the coach suggested (the mission
 * command's own button, handled by the adapter's usual path).
 *
 * Only DMs: messages in servers are never read or answered here. People are
 * resolved through core; the conversation is the coach service's business.
 */
import { ButtonStyle, ChannelType, Events, MessageFlags, MessageType, type ButtonInteraction, type Client, type Message } from 'discord.js';
import { createArrivalOrder, failure, handToCoach } from '../../coach/direct-message.ts';
import type { CoachFeedback, CoachReply } from '../../coach/types.ts';
import { resolveUser } from '../../core/users.ts';
import type { Logger } from '../../logger.ts';
import { GENERIC_FAILURE, type RouterDeps } from '../../router/dispatch.ts';
import type { ReplyAction } from '../../router/types.ts';
import { createTextPacer } from '../text-pacer.ts';
import { platformUser } from './person.ts';
import { renderButtons } from './render.ts';

export const DISCORD_MESSAGE_MAX = 2_000;
/** Discord allows about five edits per five seconds per channel; this stays well inside. */
export const EDIT_INTERVAL_MS = 1_200;
/** A typing indicator lasts about ten seconds. */
export const TYPING_REFRESH_MS = 8_000;
export const COACH_BUTTON_PREFIX = 'coach-feedback:';
export const FEEDBACK_GONE = "That feedback button isn't available any more, but thank you for wanting to tell me.";
export const TEXT_ONLY = "I can only read text messages for now. Tell me in words what's on your mind, and I'm here.";

export interface CoachDmOptions {
  readonly client: Client;
  readonly router: RouterDeps;
  readonly logger: Logger;
  readonly editIntervalMs?: number;
  readonly typingRefreshMs?: number;
}

export interface CoachDm {
  /** Answers a coach feedback button (see isCoachButton). */
  onButton(interaction: ButtonInteraction): Promise<void>;
  /** Stops reading DMs and waits for the turns in flight. */
  stop(): Promise<void>;
}

export function isCoachButton(customId: string): boolean {
  return customId.startsWith(COACH_BUTTON_PREFIX);
}

export function feedbackButtonId(value: CoachFeedback, messageId: string): string {
  return `${COACH_BUTTON_PREFIX}${value}:${messageId}`;
}

export function parseFeedbackButton(customId: string): { value: CoachFeedback; messageId: string } | undefined {
  if (!isCoachButton(customId)) return undefined;
  const rest = customId.slice(COACH_BUTTON_PREFIX.length);
  const colon = rest.indexOf(':');
  const value = rest.slice(0, colon);
  const messageId = rest.slice(colon + 1);
  if (colon < 0 || !messageId || (value !== 'helpful' && value !== 'not_helpful')) return undefined;
  return { value, messageId };
}

/**
 * Splits text into messages of at most `max` characters, at a line break or a
 * space where one is near the end. A chunk depends only on the text up to `max`
 * characters after its start, so as the text grows, finished chunks never change.
 */
export function splitMessage(text: string, max = DISCORD_MESSAGE_MAX): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = window.lastIndexOf('\n');
    if (cut < max / 2) cut = window.lastIndexOf(' ');
    if (cut < max / 2) {
      cut = max;
      // Never split a surrogate pair.
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    }
    chunks.push(rest.slice(0, cut).trimEnd() || rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^[\s]+/, '');
  }
  if (rest || chunks.length === 0) chunks.push(rest);
  return chunks;
}

/** The buttons under a reply: feedback on coaching replies (not on crisis resources or the daily-limit note), and a suggested mission. */
export function coachActions(reply: CoachReply): ReplyAction[] {
  const actions: ReplyAction[] = [];
  if (reply.source === 'model' || reply.source === 'offline') {
    actions.push(
      { id: feedbackButtonId('helpful', reply.messageId), label: '👍 Helpful', style: 'secondary' },
      { id: feedbackButtonId('not_helpful', reply.messageId), label: '👎 Not helpful', style: 'secondary' },
    );
  }
  if (reply.suggestedMission) {
    actions.push({ id: `mission:start:${reply.suggestedMission.id}`, label: `Start: ${reply.suggestedMission.title}`, style: 'primary' });
  }
  return actions;
}

type DmChannel = Extract<Message['channel'], { type: ChannelType.DM }>;
const NO_MENTIONS = { parse: [] as never[] };
/** People whose locale is remembered (the most recent ones). */
const MAX_LOCALES = 10_000;

export function createCoachDm(options: CoachDmOptions): CoachDm {
  const { client, router } = options;
  const logger = options.logger.child({ feature: 'coach' });
  const editIntervalMs = options.editIntervalMs ?? EDIT_INTERVAL_MS;
  const typingRefreshMs = options.typingRefreshMs ?? TYPING_REFRESH_MS;
  /** The last locale each person's interactions carried: messages do not carry one. */
  const locales = new Map<string, string>();
  const inFlight = new Set<Promise<void>>();
  const admit = createArrivalOrder();

  /** Shows one reply: typing, then one message edited as the text grows, then the buttons. */
  function replyView(channel: DmChannel) {
    const sent: Array<{ id: string; content: string }> = [];
    let typing: NodeJS.Timeout | undefined;
    let firstTyping: Promise<unknown> | undefined;
    const stopTyping = () => {
      if (typing) clearInterval(typing);
      typing = undefined;
    };
    const sendTyping = () => channel.sendTyping().catch((error: unknown) => logger.debug({ ...failure(error), channel: channel.id }, 'discord sendTyping failed'));

    /** Makes the messages show `text`: edits the ones that changed, sends the ones missing; the last gets `components`. */
    async function show(text: string, components?: ReturnType<typeof renderButtons>): Promise<void> {
      const chunks = splitMessage(text);
      for (let i = 0; i < chunks.length; i++) {
        const content = chunks[i]!;
        const last = i === chunks.length - 1;
        const extra = last && components ? { components } : {};
        const existing = sent[i];
        if (!existing) {
          const message = await channel.send({ content, allowedMentions: NO_MENTIONS, ...extra });
          sent.push({ id: message.id, content });
        } else if (existing.content !== content || (last && components)) {
          await channel.messages.edit(existing.id, { content, allowedMentions: NO_MENTIONS, ...extra });
          existing.content = content;
        }
      }
    }

    const pacer = createTextPacer({
      intervalMs: editIntervalMs,
      onError: (error) => logger.warn({ ...failure(error), channel: channel.id }, 'discord coach edit failed'),
      flush: async (_pending, full) => {
        stopTyping();
        // The typing indicator goes first: arriving after the message, it would linger.
        await firstTyping;
        await show(full);
      },
    });
    return {
      // Not awaited: the provider is asked while Discord shows the indicator.
      async thinking() {
        firstTyping ??= sendTyping();
        typing ??= setInterval(() => void sendTyping(), typingRefreshMs);
      },
      text: (delta: string) => pacer.push(delta),
      async finish(reply: CoachReply | undefined) {
        const { full } = await pacer.finish();
        stopTyping();
        await firstTyping;
        const text = reply ? reply.text || full : `${full}${full ? '\n\n' : ''}${GENERIC_FAILURE}`;
        const components = reply ? renderButtons(coachActions(reply)) : [];
        await show(text, components);
      },
      stopTyping,
    };
  }

  async function onMessage(message: Message): Promise<void> {
    if (message.author.bot || message.author.id === client.user?.id || message.system) return;
    if (message.inGuild() || message.channel.type !== ChannelType.DM) return;
    if (message.type !== MessageType.Default && message.type !== MessageType.Reply) return;
    const channel = message.channel;
    const text = message.content.trim();
    if (!text) {
      await channel.send({ content: TEXT_ONLY, allowedMentions: NO_MENTIONS });
      return;
    }
    const view = replyView(channel);
    let reply: CoachReply | undefined;
    try {
      // Handed to the coach in arrival order (it queues each person's turns as they come).
      const turn = await admit(message.author.id, async () => {
        return handToCoach(
          router,
          platformUser(message.author, locales.get(message.author.id)),
          text,
          { platform: { name: 'discord', channel: channel.id }, events: { onThinking: () => view.thinking(), onText: (delta) => view.text(delta) } },
        );
      });
      reply = await turn.answered;
    } catch (error) {
      logger.error({ ...failure(error), user: message.author.id, messageId: message.id }, 'discord coach turn failed');
    } finally {
      view.stopTyping();
    }
    await view.finish(reply);
  }

  const onMessageCreate = (message: Message) => {
    const work = onMessage(message)
      .catch((error: unknown) => logger.error({ ...failure(error), messageId: message.id }, 'discord coach reply failed'))
      .finally(() => inFlight.delete(work));
    inFlight.add(work);
  };
  const onInteraction = (interaction: { user: { id: string }; locale?: string }) => {
    if (!interaction.locale) return;
    // Newest last, and bounded: the oldest entry goes when the map is full.
    locales.delete(interaction.user.id);
    locales.set(interaction.user.id, interaction.locale);
    if (locales.size > MAX_LOCALES) locales.delete(locales.keys().next().value!);
  };
  client.on(Events.MessageCreate, onMessageCreate);
  client.on(Events.InteractionCreate, onInteraction);

  return {
    async onButton(interaction) {
      const parsed = parseFeedbackButton(interaction.customId);
      const user = parsed
        ? await resolveUser(router.core, platformUser(interaction.user))
        : undefined;
      if (!parsed || !user || !(await router.coach.feedback(user.id, parsed.messageId, parsed.value))) {
        await interaction.reply({ content: FEEDBACK_GONE, flags: MessageFlags.Ephemeral });
        return;
      }
      // The answer is the message itself: the chosen button stays lit, both are disabled.
      const rows = interaction.message.components.map((row) => {
        const json = row.toJSON() as { type: number; components?: Array<Record<string, unknown>> };
        return {
          ...json,
          components: (json.components ?? []).map((c) =>
            typeof c.custom_id === 'string' && isCoachButton(c.custom_id)
              ? { ...c, disabled: true, style: c.custom_id === interaction.customId ? ButtonStyle.Success : ButtonStyle.Secondary }
              : c,
          ),
        };
      });
      await interaction.update({ components: rows as never });
    },
    async stop() {
      client.off(Events.MessageCreate, onMessageCreate);
      client.off(Events.InteractionCreate, onInteraction);
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
