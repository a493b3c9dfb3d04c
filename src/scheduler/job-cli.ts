/**
 * `npm run job -- <name> [--at <ISO time>]`: runs one scheduler job once, as if
 * at that time, on the configured database, delivering through the configured
 * platforms. Without platform tokens it prints the DMs it would send.
 * A bad job name or time ends with one line and exit code 2.
 */
import { loadConfig } from '../config.ts';
import { systemClock } from '../core/clock.ts';
import { openDatabase } from '../db/client.ts';
import { prepareDatabase } from '../db/prepare.ts';
import { StartupError } from '../errors.ts';
import { createLogger } from '../logger.ts';
import { createDiscordDirectMessenger } from '../platforms/discord/direct-messenger.ts';
import { createSlackDirectMessenger } from '../platforms/slack/direct-messenger.ts';
import { parseJobArgs } from './job-args.ts';
import { createConsoleMessenger, type DirectMessenger } from './messenger.ts';
import { createScheduler, isJobName, JOB_NAMES } from './scheduler.ts';

function usage(problem: string): never {
  process.stderr.write(`job: ${problem}. Usage: npm run job -- <${JOB_NAMES.join('|')}> [--at 2026-11-24T19:00:00Z]\n`);
  process.exit(2);
}

const parsed = parseJobArgs(process.argv.slice(2));
if ('error' in parsed) usage(parsed.error);
if (!isJobName(parsed.name)) usage(`unknown job "${parsed.name}"`);
const name = parsed.name;

let config;
try {
  config = loadConfig();
} catch (error) {
  process.stderr.write(`job: ${error instanceof StartupError ? error.message : String(error)}\n`);
  process.exit(1);
}
const logger = createLogger(config.logLevel);
const db = await openDatabase(config.database);
let code = 0;
try {
  await prepareDatabase(db);
  const messengers: DirectMessenger[] = [];
  if (config.slack) messengers.push(createSlackDirectMessenger({ botToken: config.slack.botToken, apiUrl: config.slack.apiUrl, logger }));
  if (config.discord) messengers.push(createDiscordDirectMessenger({ token: config.discord.token, apiUrl: config.discord.apiUrl }));
  if (messengers.length === 0) {
    // No tokens: show what would be sent, to everyone whatever their platform.
    for (const platform of ['console', 'slack', 'discord'] as const) messengers.push(createConsoleMessenger(process.stdout, platform));
  }
  const core = { db, clock: systemClock, defaultTimezone: config.defaultTimezone };
  const scheduler = createScheduler({ core, messengers, logger });
  const summary = await scheduler.runJob(name, parsed.at ?? new Date());
  await scheduler.stop();
  process.stdout.write(
    `job ${summary.job} at ${summary.at}: ${summary.sent} sent, ${summary.unreachable} unreachable, ${summary.failed} failed, ${summary.released} left for later\n`,
  );
} catch (error) {
  logger.error({ err: error, job: name }, 'job failed');
  process.stderr.write(`job: ${name} failed: ${error instanceof Error ? error.message : String(error)}\n`);
  code = 1;
} finally {
  await db.close();
}
process.exit(code);
