/**
 * Wiring: one database, one HTTP server, and the adapters the configuration
 * enables. `main.ts` owns the process (signals, exit codes); this module can be
 * started and stopped in-process by tests.
 */
import type { Config } from './config.ts';
import { StartupError } from './errors.ts';
import { openDatabase, type Database } from './db/client.ts';
import { prepareDatabase } from './db/prepare.ts';
import { createHttpServer } from './http-server.ts';
import type { Logger } from './logger.ts';
import { registry } from '../commands/index.ts';
import { createCoach } from './coach/coach.ts';
import { systemClock } from './core/clock.ts';
import { startConsole, type ConsoleOptions, type ConsoleSession } from './platforms/console/console-adapter.ts';
import { createDiscordAdapter, type DiscordAdapter } from './platforms/discord/discord-adapter.ts';
import { createSlackAdapter, type SlackAdapter } from './platforms/slack/slack-adapter.ts';
import { createDiscordDirectMessenger } from './platforms/discord/direct-messenger.ts';
import { createSlackDirectMessenger } from './platforms/slack/direct-messenger.ts';
import { createConsoleMessenger, type DirectMessenger } from './scheduler/messenger.ts';
import { createScheduler, type Scheduler } from './scheduler/scheduler.ts';

const COACH_IDLE_SWEEP_MS = 5 * 60_000;

export interface RunningCompanion {
  readonly db: Database;
  readonly port: number;
  readonly adapters: readonly string[];
  /** Opens the console adapter on `io` (when the configuration runs it); the session ends when its input does. */
  openConsole(io: ConsoleIO): ConsoleSession | undefined;
  /** Stops taking work, lets in-flight work finish, then closes the database. */
  stop(): Promise<void>;
}

export function configuredAdapters(config: Config): string[] {
  const adapters = [config.discord && 'discord', config.slack && 'slack'].filter((a): a is string => Boolean(a));
  return adapters.length > 0 ? adapters : ['console'];
}

export type ConsoleIO = Pick<ConsoleOptions, 'input' | 'output' | 'interactive'>;

export async function startCompanion(config: Config, logger: Logger): Promise<RunningCompanion> {
  const db = await openDatabase(config.database);
  try {
    const { migrations, catalog } = await prepareDatabase(db);
    logger.info(
      { database: db.kind, migrationsApplied: migrations.applied, migrationsUpToDate: migrations.alreadyApplied, catalog },
      'database ready',
    );
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }

  const http = createHttpServer({ ping: () => db.ping(), logger });
  let port: number;
  try {
    port = await http.listen(config.port);
  } catch (error) {
    await db.close().catch(() => {});
    throw new StartupError(`Cannot listen on PORT=${config.port}: ${(error as Error).message}; set PORT to a free port`);
  }

  const adapters = configuredAdapters(config);
  const core = { db, clock: systemClock, defaultTimezone: config.defaultTimezone };
  const coach = createCoach({ core, config: config.openai, logger });
  const router = { core, registry, logger, coach };
  let consoleSession: ConsoleSession | undefined;
  let discord: DiscordAdapter | undefined;
  if (config.discord) {
    discord = createDiscordAdapter({ router, discord: config.discord, logger: logger.child({ adapter: 'discord' }) });
    try {
      await discord.start();
    } catch (error) {
      await http.close();
      await db.close().catch(() => {});
      throw new StartupError(`Discord login failed (${(error as Error).message}); check DISCORD_TOKEN and DISCORD_APPLICATION_ID`);
    }
  }
  let slack: SlackAdapter | undefined;
  if (config.slack) {
    slack = createSlackAdapter({ router, slack: config.slack, logger: logger.child({ adapter: 'slack' }) });
    try {
      // Over HTTP, Slack shares the process's server on PORT with /healthz; Socket Mode needs no route.
      if (slack.mode === 'http') {
        await slack.init();
        http.route('POST', '/slack/events', slack.requestListener!);
      } else {
        await slack.start();
      }
    } catch (error) {
      await discord?.stop();
      await http.close();
      await db.close().catch(() => {});
      throw new StartupError(`Slack refused the app (${(error as Error).message}); check SLACK_BOT_TOKEN, SLACK_APP_TOKEN and SLACK_API_URL`);
    }
  }
  // Nudges go out by DM on the platforms that are configured. The console gets them only
  // when a person is at the terminal (openConsole), never in the middle of a piped script.
  const messengers: DirectMessenger[] = [];
  if (config.slack) messengers.push(createSlackDirectMessenger({ botToken: config.slack.botToken, apiUrl: config.slack.apiUrl, logger }));
  if (config.discord) messengers.push(createDiscordDirectMessenger({ token: config.discord.token, apiUrl: config.discord.apiUrl }));
  let scheduler: Scheduler | undefined;
  const startScheduler = (list: readonly DirectMessenger[]) => {
    scheduler = createScheduler({ core, messengers: list, logger });
    scheduler.start();
  };
  if (messengers.length > 0) startScheduler(messengers);

  // A conversation idle for 30 minutes is summarised in the background, not when the person writes again.
  const idleCoachSweep = setInterval(() => void coach.closeIdleConversations(), COACH_IDLE_SWEEP_MS);
  idleCoachSweep.unref();
  logger.info({ port, adapters }, 'ready');

  let stopping: Promise<void> | undefined;
  return {
    db,
    port,
    adapters,
    openConsole(io) {
      if (!adapters.includes('console') || consoleSession) return consoleSession;
      consoleSession = startConsole({ router, ...io });
      if (io.interactive && !scheduler) startScheduler([createConsoleMessenger(io.output)]);
      return consoleSession;
    },
    stop() {
      stopping ??= (async () => {
        http.markShuttingDown();
        consoleSession?.close();
        await discord?.stop();
        await slack?.stop();
        await scheduler?.stop();
        clearInterval(idleCoachSweep);
        await coach.drain();
        await http.close();
        await db.close();
        logger.info('stopped');
      })();
      return stopping;
    },
  };
}
