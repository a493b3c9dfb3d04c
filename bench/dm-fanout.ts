/**
 * dm_fanout_duplicates: 10,000 streak reminders due at the same minute, delivered
 * by two scheduler runners at once (each with its own connection pool, as two
 * processes would be) through the real Slack messenger (WebClient) to a fake Slack
 * Web API that counts chat.postMessage per channel. The figure is the number of
 * duplicate DMs; the detail says how many arrived, how many were missing, the time
 * and the pace each runner was held to.
 */
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { testDatabaseUrl } from '../src/config.ts';
import { manualClock } from '../src/core/clock.ts';
import { openDatabase, type Database } from '../src/db/client.ts';
import { createLogger } from '../src/logger.ts';
import { createSlackDirectMessenger } from '../src/platforms/slack/direct-messenger.ts';
import { createScheduler } from '../src/scheduler/scheduler.ts';
import { progress, round, type BenchResult } from './harness.ts';
import { closeServer, listenLocal, readBody } from '../test/helpers/fake-http.ts';

const PEOPLE = 10_000;
/** DMs per second each runner is paced at: well under what a fake can take, far above Slack's real limit (4/s default) so the run stays short. */
const RATE_PER_RUNNER = 250;
const AT = new Date('2026-11-24T09:00:00Z');
const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';

async function startCountingSlack() {
  const perChannel = new Map<string, number>();
  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    res.setHeader('content-type', 'application/json');
    if ((req.url ?? '').startsWith('/api/chat.postMessage')) {
      const channel = new URLSearchParams(raw).get('channel') ?? '';
      perChannel.set(channel, (perChannel.get(channel) ?? 0) + 1);
      return res.end(JSON.stringify({ ok: true, channel: `D${channel}`, ts: '1700000000.000100' }));
    }
    res.end(JSON.stringify({ ok: true }));
  });
  const base = await listenLocal(server);
  return {
    url: `${base}/api/`,
    perChannel,
    close: () => closeServer(server),
  };
}

/** A second pool on the benchmark's database, as a second process would open. */
async function secondPool(db: Database): Promise<Database> {
  const [row] = await db.session((s) => s.query<{ name: string }>('SELECT current_database() AS name'));
  const url = new URL(testDatabaseUrl() ?? LOCAL_POSTGRES);
  url.pathname = `/${row!.name}`;
  return openDatabase({ kind: 'postgres', url: url.toString() });
}

export async function dmFanout(db: Database): Promise<BenchResult> {
  progress(`dm_fanout_duplicates on ${db.kind}: ${PEOPLE} people due at once`);
  await db.session(async (s) => {
    await s.query(
      `WITH people AS (
         INSERT INTO users (email, username, first_name, preferences, created_at)
         SELECT 'fanout' || g || '@bench.invalid', 'fanout_' || g, 'Sam', '{"timezone":"UTC","reminder_time":"09:00"}'::jsonb, $2::timestamptz
           FROM generate_series(1, $1::int) AS g
         RETURNING id, username
       )
       INSERT INTO companion_platform_identities (user_id, platform, external_id, workspace_id, display_name, created_at, last_seen_at)
       SELECT id, 'slack', 'TBENCH:U' || substr(username, 8), 'TBENCH', 'Sam', $2::timestamptz, $2::timestamptz FROM people`,
      [PEOPLE, new Date(AT.getTime() - 86_400_000)],
    );
    await s.query('ANALYZE');
  });
  const other = await secondPool(db);
  const fake = await startCountingSlack();
  const logger = createLogger('silent');
  try {
    const runner = (database: Database) =>
      createScheduler({
        core: { db: database, clock: manualClock(AT), defaultTimezone: 'UTC' },
        messengers: [createSlackDirectMessenger({ botToken: 'xoxb-bench', apiUrl: fake.url, maxPerSecond: RATE_PER_RUNNER })],
        logger,
      });
    const a = runner(db);
    const b = runner(other);
    const started = performance.now();
    const [ra, rb] = await Promise.all([a.runJob('streak-reminders', AT), b.runJob('streak-reminders', AT)]);
    const ms = performance.now() - started;
    await Promise.all([a.stop(), b.stop()]);
    const counts = [...fake.perChannel.values()];
    const duplicates = counts.reduce((sum, n) => sum + (n - 1), 0);
    const missing = PEOPLE - fake.perChannel.size;
    if (missing > 0) progress(`dm_fanout_duplicates: ${missing} people got no DM`);
    return {
      name: 'dm_fanout_duplicates',
      db: db.kind,
      value: duplicates,
      unit: 'DMs',
      goal: '0',
      detail:
        `${fake.perChannel.size.toLocaleString('en-US')} of ${PEOPLE.toLocaleString('en-US')} people got a DM (${missing} missing); ` +
        `runners sent ${ra.sent} + ${rb.sent} in ${round(ms / 1000, 1)} s, each paced at ${RATE_PER_RUNNER}/s, separate pools, fake Slack Web API`,
    };
  } finally {
    await fake.close();
    await other.close();
  }
}
