/**
 * The Discord adapter: slash commands, autocomplete and button presses in,
 * embeds and buttons out. It translates only; every command goes through
 * dispatch, and no failure escapes a listener. DMs to the bot go to the coach
 * (coach-dm.ts).
 */
import {
  ApplicationCommandOptionType,
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Partials,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  type ModalSubmitInteraction,
} from 'discord.js';
import { actionInvocation, autocompleteFor } from '../../../commands/index.ts';
import type { Config } from '../../config.ts';
import type { Logger } from '../../logger.ts';
import { dispatch, GENERIC_FAILURE, type RouterDeps } from '../../router/dispatch.ts';
import type { Invocation, Reply } from '../../router/types.ts';
import { createCoachDm, isCoachButton } from './coach-dm.ts';
import { platformUser } from './person.ts';
import { JOURNAL_MODAL_ACTION, JOURNAL_MODAL_ID, journalModal, journalModalOptions } from './modal.ts';
import { renderReply } from './render.ts';

export type DiscordConfig = NonNullable<Config['discord']>;

export interface DiscordAdapterOptions {
  readonly router: RouterDeps;
  readonly discord: DiscordConfig;
  readonly logger: Logger;
  /** Defer the answer when a command has not finished after this long (Discord allows 3 s). */
  readonly deferAfterMs?: number;
  /** Autocomplete gives up (and offers nothing) after this long. */
  readonly autocompleteTimeoutMs?: number;
}

export interface DiscordAdapter {
  readonly client: Client;
  /** Logs in to the gateway. */
  start(): Promise<void>;
  /** Stops taking interactions, lets in-flight answers finish, then closes the gateway connection. */
  stop(): Promise<void>;
  /** Answers one interaction; never rejects. */
  handleInteraction(interaction: Interaction): Promise<void>;
}

export const DEFER_AFTER_MS = 1_500;
export const AUTOCOMPLETE_TIMEOUT_MS = 2_500;
export const STALE_BUTTON = 'That button no longer does anything. Try the command again, or type /help.';

/**
 * A reflection prompt on Discord also offers to write the answer in a modal, where
 * typing a long entry is easier than in a slash command's option.
 */
export function withModalButton(invocation: Pick<Invocation, 'command' | 'subcommand'>, reply: Reply): Reply {
  if (invocation.command !== 'journal' || invocation.subcommand !== 'prompt') return reply;
  if (reply.title !== 'Reflection prompt' || reply.actions?.some((a) => a.id === JOURNAL_MODAL_ACTION)) return reply;
  return { ...reply, actions: [{ id: JOURNAL_MODAL_ACTION, label: 'Write it here', style: 'primary' }, ...(reply.actions ?? [])] };
}

/** Option values by name, from the top level or the subcommand. */
export function optionValues(data: readonly CommandInteractionOption[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const option of data) {
    if (option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup) {
      Object.assign(values, optionValues(option.options ?? []));
    } else if (option.value !== undefined && option.value !== null) {
      values[option.name] = option.value;
    }
  }
  return values;
}

export function createDiscordAdapter(options: DiscordAdapterOptions): DiscordAdapter {
  const { router, discord, logger } = options;
  const deferAfterMs = options.deferAfterMs ?? DEFER_AFTER_MS;
  const autocompleteTimeoutMs = options.autocompleteTimeoutMs ?? AUTOCOMPLETE_TIMEOUT_MS;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    ...(discord.apiUrl ? { rest: { api: discord.apiUrl } } : {}),
  });
  const coachDm = createCoachDm({ client, router, logger });

  /**
   * Runs dispatch and answers: directly when it is quick, or after deferring
   * (private unless this is a DM) when it is not. A deferred answer keeps the
   * deferral's visibility, which errs on the private side.
   */
  async function answer(
    interaction: ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction,
    invocation: Invocation,
    forcePrivate: boolean,
  ): Promise<void> {
    const isDM = invocation.channel.isDM;
    let deferral: Promise<void> | undefined;
    const defer = (): Promise<void> => {
      deferral ??= interaction.deferReply(isDM ? {} : { flags: MessageFlags.Ephemeral }).then(() => undefined);
      return deferral;
    };
    const timer = setTimeout(() => {
      defer().catch((error: unknown) => logger.warn({ err: error, interactionId: interaction.id }, 'discord deferReply failed'));
    }, deferAfterMs);
    let reply: Reply;
    try {
      reply = await dispatch(router, invocation, { defer });
    } finally {
      clearTimeout(timer);
    }
    if (forcePrivate) reply = { ...reply, visibility: 'private' };
    reply = withModalButton(invocation, reply);
    const payload = renderReply(reply, { isDM });
    if (deferral) {
      await deferral;
      const { flags: _flags, ...edit } = payload;
      await interaction.editReply(edit);
    } else {
      await interaction.reply(payload);
    }
  }

  async function onChatInput(interaction: ChatInputCommandInteraction): Promise<void> {
    const invocation: Invocation = {
      platform: 'discord',
      command: interaction.commandName,
      subcommand: interaction.options.getSubcommand(false) ?? undefined,
      options: optionValues(interaction.options.data),
      user: platformUser(interaction.user, interaction.locale),
      channel: { id: interaction.channelId, isDM: !interaction.inGuild() },
      requestId: interaction.id,
    };
    await answer(interaction, invocation, false);
  }

  async function onButton(interaction: ButtonInteraction): Promise<void> {
    const isDM = !interaction.inGuild();
    if (isCoachButton(interaction.customId)) return coachDm.onButton(interaction);
    if (interaction.customId === JOURNAL_MODAL_ACTION) {
      // The modal is the answer itself (callback type 9); its submission comes back as onModalSubmit.
      await interaction.showModal(journalModal());
      return;
    }
    const action = actionInvocation(interaction.customId);
    if (!action) {
      await interaction.reply(renderReply({ text: STALE_BUTTON, visibility: 'private' }, { isDM }));
      return;
    }
    const invocation: Invocation = {
      platform: 'discord',
      command: action.command,
      subcommand: action.subcommand,
      options: action.options,
      freeText: action.freeText,
      user: platformUser(interaction.user, interaction.locale),
      channel: { id: interaction.channelId, isDM },
      requestId: interaction.id,
    };
    await answer(interaction, invocation, true);
  }

  async function onModalSubmit(interaction: ModalSubmitInteraction): Promise<void> {
    const isDM = !interaction.inGuild();
    if (interaction.customId !== JOURNAL_MODAL_ID) {
      await interaction.reply(renderReply({ text: STALE_BUTTON, visibility: 'private' }, { isDM }));
      return;
    }
    const invocation: Invocation = {
      platform: 'discord',
      command: 'journal',
      subcommand: 'write',
      options: journalModalOptions(interaction),
      user: platformUser(interaction.user, interaction.locale),
      channel: { id: interaction.channelId ?? interaction.user.id, isDM },
      requestId: interaction.id,
    };
    await answer(interaction, invocation, true);
  }

  async function suggestions(interaction: AutocompleteInteraction): Promise<Array<{ name: string; value: string }>> {
    const focused = interaction.options.getFocused(true);
    const leaf = router.registry.leaf(interaction.commandName, interaction.options.getSubcommand(false) ?? undefined);
    const kind = leaf?.options[focused.name]?.autocomplete;
    if (!kind) return [];
    return autocompleteFor(router.core, platformUser(interaction.user, interaction.locale), kind, String(focused.value ?? ''));
  }

  async function onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never[]>((resolve) => {
      timer = setTimeout(() => resolve([]), autocompleteTimeoutMs);
    });
    let choices: Array<{ name: string; value: string }>;
    try {
      choices = await Promise.race([suggestions(interaction), timeout]);
    } catch (error) {
      logger.error({ err: error, interactionId: interaction.id }, 'discord autocomplete failed');
      choices = [];
    } finally {
      clearTimeout(timer);
    }
    await interaction.respond(choices);
  }

  /** Answers once, privately, whatever state the interaction is in. */
  async function answerFailure(interaction: Interaction): Promise<void> {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
      return;
    }
    if (!interaction.isRepliable()) return;
    const message = { content: GENERIC_FAILURE, flags: MessageFlags.Ephemeral } as const;
    if (interaction.replied) await interaction.followUp(message);
    else if (interaction.deferred) await interaction.editReply({ content: GENERIC_FAILURE, embeds: [], components: [] });
    else await interaction.reply(message);
  }

  async function handleInteraction(interaction: Interaction): Promise<void> {
    try {
      if (interaction.isChatInputCommand()) await onChatInput(interaction);
      else if (interaction.isAutocomplete()) await onAutocomplete(interaction);
      else if (interaction.isButton()) await onButton(interaction);
      else if (interaction.isModalSubmit()) await onModalSubmit(interaction);
    } catch (error) {
      logger.error({ err: error, interactionId: interaction.id, type: interaction.type }, 'discord interaction failed');
      try {
        await answerFailure(interaction);
      } catch {
        // The interaction is gone (expired, or Discord is unreachable); the failure is already logged.
      }
    }
  }

  // In-flight answers, so stop() can let them finish before closing the connection.
  const inFlight = new Set<Promise<void>>();
  const track = (interaction: Interaction): Promise<void> => {
    const work = handleInteraction(interaction).finally(() => inFlight.delete(work));
    inFlight.add(work);
    return work;
  };

  client.on(Events.InteractionCreate, (interaction) => {
    void track(interaction);
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));

  return {
    client,
    handleInteraction: track,
    async start() {
      await client.login(discord.token);
      logger.info({ user: client.user?.id }, 'discord adapter ready');
    },
    async stop() {
      // No new events: the gateway closes only after in-flight answers have been sent.
      client.removeAllListeners(Events.InteractionCreate);
      await Promise.allSettled([...inFlight]);
      await coachDm.stop();
      await client.destroy();
    },
  };
}

