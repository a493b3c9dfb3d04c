/**
 * The Slack adapter: `/extro <command text>` slash commands and button presses,
 * translated into Invocations for the router and answered with Block Kit.
 * With an app token it uses Socket Mode; otherwise Bolt's HTTP receiver at
 * `/slack/events`, on its own server or mounted on the process's HTTP server
 * through `requestListener`. DMs to the app go to the coach (coach-assistant.ts).
 */
import type { RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, type Logger as BoltLogger, type RespondFn, type SlackActionMiddlewareArgs, type webApi } from '@slack/bolt';
import { actionInvocation } from '../../../commands/index.ts';
import type { Config } from '../../config.ts';
import type { Logger } from '../../logger.ts';
import { dispatch, type RouterDeps } from '../../router/dispatch.ts';
import { parseCommandText, TextGrammarError } from '../../router/text-grammar.ts';
import type { Invocation, Reply } from '../../router/types.ts';
import { createWorkQueue } from '../../router/work-queue.ts';
import { NOT_COACH_ACTION, registerCoachAssistant } from './coach-assistant.ts';
import { createDeliveryDedupe, type DeliveryDedupe } from './dedupe.ts';
import { renderHome } from './home.ts';
import { JOURNAL_MODAL_ACTION, JOURNAL_MODAL_ID, journalModalView, modalErrors, modalOptions, modalOrigin, type ModalOrigin } from './modal.ts';
import { createSlackProfiles } from './profiles.ts';
import { renderBlocks } from './render.ts';
import { uploadReplyImage } from './upload.ts';

export const SLASH_COMMAND = '/extro';
export const EVENTS_PATH = '/slack/events';

export interface SlackAdapterOptions {
  readonly router: RouterDeps;
  readonly slack: NonNullable<Config['slack']>;
  readonly logger: Logger;
  /** Where `start()` listens; 0 picks a free port. Defaults to 3000. */
  readonly port?: number;
  /** Replaces the default redelivery memory (10,000 ids for an hour). */
  readonly dedupe?: DeliveryDedupe;
  /** How many acknowledged commands and button presses are worked on at once (default 4); the rest wait their turn. */
  readonly concurrency?: number;
}

export interface SlackAdapter {
  readonly app: App;
  /** 'socket' when an app token is configured (SLACK_APP_TOKEN), else 'http'. */
  readonly mode: 'http' | 'socket';
  /**
   * HTTP mode: Bolt's handler for `POST /slack/events`, for mounting on another
   * server after `init()` instead of calling `start()`. Undefined in Socket Mode.
   */
  readonly requestListener: RequestListener | undefined;
  /** Checks the bot token (auth.test). `start()` calls it; call it alone when mounting `requestListener`. */
  init(): Promise<void>;
  /** Checks the token, then listens on `port` (HTTP) or opens the Socket Mode connection. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves when every acknowledged command, button press and coach turn has been answered. */
  idle(): Promise<void>;
  /** The bound port once started (useful with port 0). */
  readonly port: number | undefined;
}

type Person = Invocation['user'];
type WebClient = webApi.WebClient;
type Channel = Invocation['channel'];
type ActionArgs = [body: SlackActionMiddlewareArgs['body'], action: SlackActionMiddlewareArgs['action'], respond: RespondFn, client: WebClient];

/** A pino logger behind the interface Bolt expects. */
function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const format = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(' ');
  return {
    debug: (...msg) => logger.debug(format(msg)),
    info: (...msg) => logger.info(format(msg)),
    warn: (...msg) => logger.warn(format(msg)),
    error: (...msg) => logger.error(format(msg)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

/** The delivery's id: `event_id` for Events API callbacks, `trigger_id` for commands and button presses. */
export function deliveryKey(body: unknown): string | undefined {
  const b = (body ?? {}) as Record<string, unknown>;
  if (typeof b.event_id === 'string' && b.event_id) return `event:${b.event_id}`;
  if (typeof b.trigger_id === 'string' && b.trigger_id) return `trigger:${b.trigger_id}`;
  return undefined;
}

export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const { router, slack } = options;
  const logger = options.logger.child({ platform: 'slack' });
  const dedupe = options.dedupe ?? createDeliveryDedupe();
  // Acknowledgements never wait for this queue; only the work after them does.
  const work = createWorkQueue(options.concurrency ?? 4);
  const clientOptions = slack.apiUrl ? { slackApiUrl: withTrailingSlash(slack.apiUrl) } : undefined;
  const mode = slack.appToken ? 'socket' : 'http';
  const httpReceiver =
    mode === 'http'
      ? new HTTPReceiver({
          signingSecret: slack.signingSecret,
          endpoints: EVENTS_PATH,
          logger: boltLogger(logger),
          // Bolt's default answers a failed request with 500, which makes Slack retry; log it and answer 200 instead.
          processEventErrorHandler: async ({ error, response }) => {
            logger.error({ err: error }, 'slack event processing failed');
            if (!response.headersSent) {
              response.writeHead(200);
              response.end();
            }
            return true;
          },
        })
      : undefined;
  const receiver =
    httpReceiver ??
    new SocketModeReceiver({
      appToken: slack.appToken!,
      logger: boltLogger(logger),
      // The Socket Mode client builds its own web client (for apps.connections.open) from these options.
      ...(clientOptions ? { installerOptions: { clientOptions } } : {}),
    });
  const app = new App({
    token: slack.botToken,
    receiver,
    logger: boltLogger(logger),
    // Initialise in init(), so a failing auth.test rejects there instead of floating as an unhandled rejection.
    deferInitialization: true,
    ...(clientOptions ? { clientOptions } : {}),
  });

  // Drops redeliveries before any listener runs; a repeat is still acknowledged so Slack stops retrying.
  app.use(async (args) => {
    const key = deliveryKey(args.body);
    if (key === undefined || dedupe.firstSeen(key)) return args.next();
    const ack = (args as { ack?: () => Promise<void> }).ack;
    if (ack) await ack();
    logger.debug({ delivery: key, retryNum: args.context.retryNum }, 'dropped a repeated slack delivery');
  });

  // The coach: the AI Apps side panel, plain DMs and its feedback buttons (coach-assistant.ts).
  const profiles = createSlackProfiles(logger);
  const coach = registerCoachAssistant(app, { router, logger, profiles });

  /** Opens the journal modal; false when Slack refused (the trigger expired, say). */
  async function openJournalModal(client: WebClient, triggerId: string, origin: ModalOrigin): Promise<boolean> {
    try {
      await client.views.open({ trigger_id: triggerId, view: journalModalView(origin) });
      return true;
    } catch (error) {
      logger.warn({ err: error }, 'slack views.open failed');
      return false;
    }
  }

  /** A reply for one person, outside any response_url: ephemeral in the channel when there is one, else a DM. */
  async function sendPrivately(client: WebClient, userId: string, channelId: string | undefined, reply: Reply): Promise<void> {
    const { text, blocks } = renderBlocks(reply);
    if (channelId) {
      try {
        await client.chat.postEphemeral({ channel: channelId, user: userId, text, blocks });
        return;
      } catch (error) {
        // The bot may not be in that channel; the person still gets the answer in a DM.
        logger.warn({ err: error }, 'slack chat.postEphemeral failed; answering in a DM');
      }
    }
    await client.chat.postMessage({ channel: userId, text, blocks });
  }

  /** Publishes the person's home tab: their progress and buttons for the common steps. */
  async function publishHome(client: WebClient, person: Person, requestId: string): Promise<void> {
    const reply = await dispatch(router, {
      platform: 'slack',
      command: 'progress',
      options: {},
      user: person,
      channel: { id: person.externalId, isDM: true },
      requestId,
    });
    await client.views.publish({ user_id: person.externalId, view: renderHome(reply) });
  }

  app.command(SLASH_COMMAND, async ({ command, ack, respond, client }) => {
    // Slack waits 3 seconds for this acknowledgement, so nothing comes before it.
    await ack();
    await work.run(async () => {
      const { timezone, locale } = await profiles.lookup(client, command.team_id, command.user_id);
      const person: Person = { platform: 'slack', externalId: command.user_id, workspaceId: command.team_id, displayName: command.user_name, timezone, locale };
      const channel: Channel = { id: command.channel_id, isDM: command.channel_name === 'directmessage' };
      if (isBareJournalWrite(router, command.text ?? '')) {
        if (await openJournalModal(client, command.trigger_id, { channelId: command.channel_id, isDM: channel.isDM })) return;
        await respond({
          ...renderBlocks({ visibility: 'private', text: `I couldn't open the journal form. You can also type: ${SLASH_COMMAND} journal write mood:calm Today I…` }),
        });
        return;
      }
      const reply = await replyToText(router, command.text ?? '', person, channel, command.trigger_id);
      await respond({ ...renderBlocks(await uploadReplyImage(client, logger, reply, { userId: command.user_id, dmChannel: channel.isDM ? command.channel_id : undefined })) });
    });
  });

  app.view(JOURNAL_MODAL_ID, async ({ ack, body, view, client }) => {
    const options = modalOptions(view.state.values);
    const errors = modalErrors(router.registry, options);
    if (errors) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    await work.run(async () => {
      const origin = modalOrigin(view.private_metadata);
      const person: Person = {
        platform: 'slack',
        externalId: body.user.id,
        workspaceId: body.user.team_id ?? body.team?.id,
        displayName: body.user.name,
      };
      const reply = await dispatch(router, {
        platform: 'slack',
        command: 'journal',
        subcommand: 'write',
        options,
        user: person,
        channel: { id: origin.channelId ?? body.user.id, isDM: origin.channelId ? origin.isDM === true : true },
        requestId: view.id,
      });
      await sendPrivately(client, body.user.id, origin.channelId, reply);
    });
  });

  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    // The event names only the user id; their handle (the name slash commands carry) keeps the stored display name as it is.
    const { name, timezone, locale } = await profiles.lookup(client, body.team_id, event.user);
    const person: Person = { platform: 'slack', externalId: event.user, workspaceId: body.team_id, displayName: name ?? '', timezone, locale };
    await work.run(() => publishHome(client, person, body.event_id));
  });

  app.action(NOT_COACH_ACTION, async ({ ack, body, action, respond, client }) => {
    await ack();
    await work.run(() => answerAction(body, action, respond, client));
  });

  async function answerAction(...[body, action, respond, client]: ActionArgs): Promise<void> {
    if (body.type !== 'block_actions' || !('action_id' in action)) return;
    const person: Person = {
      platform: 'slack',
      externalId: body.user.id,
      workspaceId: body.user.team_id ?? body.team?.id,
      displayName: body.user.name ?? body.user.username,
    };
    const fromHome = body.view?.type === 'home';
    if (action.action_id === JOURNAL_MODAL_ACTION) {
      const origin = body.channel?.id ? { channelId: body.channel.id, isDM: body.channel.name === 'directmessage' } : {};
      if (await openJournalModal(client, body.trigger_id, origin)) return;
    }
    const modalFailed = action.action_id === JOURNAL_MODAL_ACTION;
    if (fromHome && action.action_id === 'progress:show:home') {
      await publishHome(client, person, body.trigger_id);
      return;
    }
    const found = modalFailed ? undefined : actionInvocation(action.action_id);
    const reply: Reply = found
      ? await dispatch(router, {
          platform: 'slack',
          command: found.command,
          subcommand: found.subcommand,
          options: found.options,
          freeText: found.freeText,
          user: person,
          channel: { id: body.channel?.id ?? body.user.id, isDM: body.channel?.name === 'directmessage' },
          requestId: body.trigger_id,
        })
      : {
          visibility: 'private',
          text: modalFailed
            ? `I couldn't open the journal form. You can also type: ${SLASH_COMMAND} journal write mood:calm Today I…`
            : 'That button is no longer available. Type /extro help to see what I can do.',
        };
    const shown = await uploadReplyImage(client, logger, reply, { userId: body.user.id, dmChannel: body.channel?.name === 'directmessage' ? body.channel.id : undefined });
    // A button in the home tab has no response_url: its answer goes to the person's DM.
    if (!body.response_url) {
      await sendPrivately(client, body.user.id, undefined, shown);
      return;
    }
    // Button answers are for the presser alone, and the message with the buttons stays as it was.
    await respond({ ...renderBlocks(shown), response_type: 'ephemeral', replace_original: false });
  }

  app.error(async (error) => {
    logger.error({ err: error.original ?? error, code: error.code }, 'slack listener failed');
  });

  let server: Server | undefined;
  let connected = false;
  let initialized: Promise<void> | undefined;
  const init = () => {
    initialized ??= app.init().catch((error: unknown) => {
      initialized = undefined;
      throw error;
    });
    return initialized;
  };
  const idle = async () => {
    await work.idle();
    await coach.idle();
  };
  return {
    app,
    mode,
    requestListener: httpReceiver?.requestListener,
    init,
    async start() {
      await init();
      if (mode === 'socket') {
        await app.start();
        connected = true;
      } else {
        server = (await app.start(options.port ?? 3000)) as Server;
      }
    },
    idle,
    async stop() {
      // New deliveries stop at the caller (the HTTP server or the socket); acknowledged work still gets its answer.
      await idle();
      if (connected) {
        connected = false;
        await app.stop();
      }
      if (!server) return;
      server.closeIdleConnections();
      await app.stop();
      server = undefined;
    },
    get port() {
      return server ? (server.address() as AddressInfo | null)?.port : undefined;
    },
  };
}

/** Bolt's web client joins method names onto the base URL (such as https://slack-gov.com/api/), so it must end in a slash. */
function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** True for `/extro journal write` with nothing after it: that opens the journal form. */
export function isBareJournalWrite(router: RouterDeps, text: string): boolean {
  try {
    const parsed = parseCommandText(text, (command) => router.registry.subcommandsOf(command));
    return parsed.command === 'journal' && parsed.subcommand === 'write' && Object.keys(parsed.options).length === 0 && !parsed.freeText?.trim();
  } catch {
    return false;
  }
}

/** What `/extro <text>` answers: empty text is help, an unknown command a friendly line. */
export async function replyToText(router: RouterDeps, text: string, user: Person, channel: Channel, requestId: string): Promise<Reply> {
  let parsed;
  try {
    parsed = parseCommandText(text, (command) => router.registry.subcommandsOf(command));
  } catch (error) {
    if (error instanceof TextGrammarError) return { visibility: 'private', text: error.message };
    throw error;
  }
  const command = parsed.command === '' ? 'help' : parsed.command;
  if (!router.registry.get(command)) {
    return {
      visibility: 'private',
      text: `I didn't recognise "${parsed.command}" as a command. Type ${SLASH_COMMAND} help to see what I can do.`,
    };
  }
  return dispatch(router, {
    platform: 'slack',
    command,
    subcommand: parsed.subcommand,
    options: parsed.options,
    freeText: parsed.freeText,
    user,
    channel,
    requestId,
  });
}
