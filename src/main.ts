/**
 * Process entry point (`npm start`): configuration, start-up, and graceful
 * shutdown on SIGINT/SIGTERM. Start-up problems end the process with one clear
 * line and exit code 1.
 */
import { configuredAdapters, startCompanion } from './app.ts';
import { loadConfig, type Config } from './config.ts';
import { StartupError } from './errors.ts';
import { createLogger } from './logger.ts';

const SHUTDOWN_GRACE_MS = 15_000;

function fail(message: string): never {
  process.stderr.write(`extrovertly-companion: ${message}\n`);
  process.exit(1);
}

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  fail(error instanceof StartupError ? error.message : String(error));
}

const logger = createLogger(config.logLevel);

process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));

try {
  const companion = await startCompanion(config, logger);
  const where = config.database.kind === 'postgres' ? 'Postgres' : `the embedded database in ${config.database.dataDir}`;
  process.stdout.write(
    `Extrovertly Companion is ready on ${where}, adapters: ${configuredAdapters(config).join(', ')}; ` +
      `health at http://localhost:${companion.port}/healthz. Press Ctrl+C to stop.\n`,
  );

  let signalled = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (signalled) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    signalled = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long: exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    companion.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  // In console mode the companion is the terminal session: when its input ends (a piped
  // script finished, or someone typed exit), stop like on a signal.
  const consoleSession = companion.openConsole({
    input: process.stdin,
    output: process.stdout,
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  });
  void consoleSession?.closed.then(() => {
    if (!signalled) {
      signalled = true;
      companion.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    }
  });
} catch (error) {
  if (error instanceof StartupError) fail(error.message);
  logger.fatal({ err: error }, 'start-up failed');
  fail(`start-up failed: ${error instanceof Error ? error.message : String(error)}`);
}
