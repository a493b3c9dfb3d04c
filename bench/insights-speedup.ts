/**
 * insights_speedup: weekly insights for everyone, computed the way the weekly
 * job does (computeAllWeeklyInsights: one set-based statement) against a
 * per-user loop (computeWeeklyInsights once per person). The activity is a year
 * of synthetic journal entries, mood logs, check-ins and completed missions,
 * generated with INSERT … SELECT generate_series. The loop runs over a random
 * sample of people and its time is scaled to everyone (it would take many
 * minutes in full); both sides write the same rows, so the sample is re-run
 * after the set-based pass with the same work to do.
 *
 * Fairness: the loop must be a well-indexed per-user implementation doing the same
 * work per person. computeWeeklyInsights picks its user with
 * `u.id = p.only_user OR (p.only_user IS NULL AND …)`, which Postgres cannot answer
 * from the primary key: every call scans all users, which would inflate the ratio.
 * The loop therefore runs core's exact statement with that join narrowed to
 * `u.id = p.only_user` (a primary-key lookup); the unmodified call is timed too
 * and shown in `detail`.
 */
import { performance } from 'node:perf_hooks';
import { systemClock } from '../src/core/clock.ts';
import { computeAllWeeklyInsights, computeWeeklyInsights } from '../src/core/insights.ts';
import type { Database } from '../src/db/client.ts';
import { Prisma } from '../src/generated/prisma/client.ts';
import { progress, round, type BenchResult } from './harness.ts';

const USERS = 100_000;
const PER_USER = { journal: 30, moods: 30, checkIns: 20, missions: 4 };
const LOOP_SAMPLE = 1_000;
/** The measured week: a Monday, with the year of activity ending the Sunday after it. */
const WEEK = '2026-11-09';
const YEAR_END = '2026-11-16';

async function generate(db: Database): Promise<number> {
  const started = performance.now();
  await db.session(async (s) => {
    await s.query(
      `INSERT INTO users (email, username, first_name, preferences, created_at)
       SELECT 'bench' || g || '@insights.invalid', 'insights_bench_' || g, 'Bench',
              jsonb_build_object('timezone', (ARRAY['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'UTC'])[1 + g % 4]),
              timestamptz '2025-11-01'
         FROM generate_series(1, $1::int) AS g`,
      [USERS],
    );
    progress(`insights_speedup: ${USERS} users`);
    // The streak trigger (per row) is not what this figure measures, and the insights do not read its runs.
    await s.query('ALTER TABLE journal_entries DISABLE TRIGGER USER');
    await s.query(
      `INSERT INTO journal_entries (user_id, content, mood, created_at)
       SELECT u.id, 'A few honest words about the day', 'calm',
              timestamptz '${YEAR_END}' - (random() * 365 * 86400) * interval '1 second'
         FROM users u CROSS JOIN generate_series(1, $1::int)`,
      [PER_USER.journal],
    );
    await s.query('ALTER TABLE journal_entries ENABLE TRIGGER USER');
    await s.query(
      `INSERT INTO mood_tracking (user_id, mood, intensity, triggers, recorded_at)
       SELECT u.id, (ARRAY['calm', 'nervous', 'hopeful', 'tired', 'proud'])[1 + (random() * 4)::int], 1 + (random() * 9)::int,
              ARRAY[(ARRAY['work', 'crowds', 'sleep', 'family', 'news'])[1 + (random() * 4)::int]],
              timestamptz '${YEAR_END}' - (random() * 365 * 86400) * interval '1 second'
         FROM users u CROSS JOIN generate_series(1, $1::int)`,
      [PER_USER.moods],
    );
    await s.query(
      `INSERT INTO progress_tracking (user_id, tracking_date, confidence_level, activities_completed)
       SELECT u.id, date '${YEAR_END}' - d, round((1 + random() * 9)::numeric, 1), 1
         FROM users u CROSS JOIN LATERAL (
           SELECT DISTINCT (random() * 364)::int + 1 + 0 * length(u.id::text) AS d FROM generate_series(1, $1::int)
         ) days`,
      [PER_USER.checkIns],
    );
    await s.query(
      `INSERT INTO user_missions (user_id, mission_id, status, assigned_at, completed_at)
       SELECT u.id, m.id, 'completed', c.at - interval '2 days', c.at
         FROM users u
        CROSS JOIN LATERAL (SELECT id FROM missions ORDER BY md5(u.id::text || id::text) LIMIT $1::int) m
        CROSS JOIN LATERAL (SELECT timestamptz '${YEAR_END}' - (random() * 365 * 86400) * interval '1 second' + 0 * length(m.id::text) * interval '1 second' AS at) c`,
      [PER_USER.missions],
    );
    await s.query('ANALYZE');
  });
  return performance.now() - started;
}

const SCANNING_JOIN = 'u.id = p.only_user OR (p.only_user IS NULL AND u.is_active IS NOT FALSE)';

/**
 * `db` whose $queryRaw runs core's statements with the per-user join narrowed to the
 * primary key. `narrowed()` says whether core's text still had the scanning join (once
 * core picks its user by primary key itself, this changes nothing).
 */
function primaryKeyLookup(db: Database): { db: Database; narrowed: () => boolean } {
  let narrowed = false;
  const prisma = new Proxy(db.prisma, {
    get(target, prop, receiver) {
      if (prop === '$queryRaw') {
        return (strings: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => {
          const sql = strings instanceof Prisma.Sql ? strings : new Prisma.Sql(strings, values as Prisma.Sql['values']);
          const text = sql.strings.map((chunk) => {
            if (!chunk.includes(SCANNING_JOIN)) return chunk;
            narrowed = true;
            return chunk.replace(SCANNING_JOIN, 'u.id = p.only_user');
          });
          return target.$queryRaw(new Prisma.Sql(text, sql.values));
        };
      }
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { db: { ...db, prisma } as Database, narrowed: () => narrowed };
}

export async function insightsSpeedup(db: Database): Promise<BenchResult> {
  progress(`insights_speedup on ${db.kind}: generating a year of activity for ${USERS} users`);
  const generateMs = await generate(db);
  const deps = { db, clock: systemClock, defaultTimezone: 'UTC' };
  const sample = (
    await db.session((s) => s.query<{ id: string }>('SELECT id FROM users WHERE email LIKE $1 ORDER BY random() LIMIT $2', ['%@insights.invalid', LOOP_SAMPLE]))
  ).map((r) => r.id);

  const fair = primaryKeyLookup(db);
  const perUser = { ...deps, db: fair.db };
  // Warm both paths (plans, caches) before timing.
  for (const id of sample.slice(0, 50)) await computeWeeklyInsights(perUser, id, WEEK);
  progress('insights_speedup: set-based pass');
  let started = performance.now();
  const covered = await computeAllWeeklyInsights(deps, WEEK);
  const setMs = performance.now() - started;

  progress(`insights_speedup: per-user loop over ${sample.length} people`);
  started = performance.now();
  for (const id of sample) await computeWeeklyInsights(perUser, id, WEEK);
  const loopSampleMs = performance.now() - started;
  const loopMs = (loopSampleMs / sample.length) * covered;

  // Core's per-user call as it stands, for comparison (not the figure).
  const asIsSample = sample.slice(0, 200);
  started = performance.now();
  for (const id of asIsSample) await computeWeeklyInsights(deps, id, WEEK);
  const asIsMsPerUser = (performance.now() - started) / asIsSample.length;

  return {
    name: 'insights_speedup',
    db: db.kind,
    value: round(loopMs / setMs, 1),
    unit: 'ratio',
    goal: '>= 10',
    detail:
      `${covered.toLocaleString('en-US')} users, a year of activity (${PER_USER.journal} journal entries, ${PER_USER.moods} moods, ` +
      `${PER_USER.checkIns} check-ins, ${PER_USER.missions} missions each; generated in ${round(generateMs / 1000, 1)} s); ` +
      `set-based ${round(setMs / 1000, 2)} s; per-user loop ${round(loopSampleMs / sample.length, 2)} ms/user measured on ` +
      `${sample.length} users, scaled to ${round(loopMs / 1000, 1)} s for all` +
      (fair.narrowed()
        ? ` (core's statement with the user picked by primary key; computeWeeklyInsights as it stands scans users: ${round(asIsMsPerUser, 2)} ms/user)`
        : ` (computeWeeklyInsights as it stands: ${round(asIsMsPerUser, 2)} ms/user)`),
  };
}
