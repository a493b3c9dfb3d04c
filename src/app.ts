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
import { systemClock } from './core/clock.ts';
import { startConsole, type ConsoleOptions, type ConsoleSession } from './platforms/console/console-adapter.ts';

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
  const router = { core: { db, clock: systemClock, defaultTimezone: config.defaultTimezone }, registry, logger };
  let consoleSession: ConsoleSession | undefined;
  logger.info({ port, adapters }, 'ready');

  let stopping: Promise<void> | undefined;
  return {
    db,
    port,
    adapters,
    openConsole(io) {
      if (adapters.includes('console')) consoleSession ??= startConsole({ router, ...io });
      return consoleSession;
    },
    stop() {
      stopping ??= (async () => {
        http.markShuttingDown();
        consoleSession?.close();
        await http.close();
        await db.close();
        logger.info('stopped');
      })();
      return stopping;
    },
  };
}
