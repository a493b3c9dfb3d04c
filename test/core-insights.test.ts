import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreDeps } from '../src/core/deps.ts';
import {
  computeAllWeeklyInsights,
  computeWeeklyInsights,
  INSIGHT_TYPES,
  latestInsights,
  previousWeekStart,
  type WeeklyInsight,
} from '../src/core/insights.ts';
import { zonedTimeToInstant } from '../src/core/time.ts';
import type { Database } from '../src/db/client.ts';
import { coreDeps, newUser, type TestClock } from './helpers/core.ts';
import { DB_KINDS, freshDatabase, sql, type TestDatabase } from './helpers/databases.ts';

const WEEK = '2026-11-16'; // a Monday
const PREVIOUS_WEEK = '2026-11-09';
const AUCKLAND = 'Pacific/Auckland';
const LOS_ANGELES = 'America/Los_Angeles';

/** The instant of local wall time 'YYYY-MM-DD HH:MM' in `tz`. */
function at(tz: string, local: string): Date {
  const [date, time] = local.split(' ');
  return zonedTimeToInstant(date!, time!, tz);
}

async function mood(db: Database, userId: string, when: Date, intensity: number | null, triggers: string[] | null = null): Promise<void> {
  await sql(db, `INSERT INTO mood_tracking (user_id, mood, intensity, triggers, recorded_at) VALUES ($1, 'calm', $2, $3::text[], $4)`, [
    userId,
    intensity,
    triggers,
    when,
  ]);
}

async function journal(db: Database, userId: string, when: Date): Promise<void> {
  await sql(db, `INSERT INTO journal_entries (user_id, content, mood, created_at) VALUES ($1, 'A small step', 'calm', $2)`, [userId, when]);
}

async function mission(db: Database, category: string): Promise<string> {
  const [row] = await sql<{ id: string }>(
    db,
    `INSERT INTO missions (title, description, difficulty, category, points) VALUES ('Say hello', 'Say hello to someone', 'beginner', $1, 10) RETURNING id`,
    [category],
  );
  return row!.id;
}

async function completed(db: Database, userId: string, missionId: string, when: Date): Promise<void> {
  await sql(db, `INSERT INTO user_missions (user_id, mission_id, status, completed_at) VALUES ($1, $2, 'completed', $3)`, [userId, missionId, when]);
}

async function progress(db: Database, userId: string, day: string, confidence: number | null): Promise<void> {
  await sql(db, `INSERT INTO progress_tracking (user_id, tracking_date, confidence_level, mood) VALUES ($1, $2::date, $3, 'calm')`, [
    userId,
    day,
    confidence,
  ]);
}

async function attended(db: Database, userId: string, eventDate: string, attendedAt: Date | null): Promise<void> {
  const [event] = await sql<{ id: string }>(
    db,
    `INSERT INTO events (title, description, date, time, category, comfort_level) VALUES ('Board games', 'Games night', $1::date, '19:00', 'games', 'low') RETURNING id`,
    [eventDate],
  );
  await sql(db, `INSERT INTO event_attendees (event_id, user_id, status, attended_at) VALUES ($1, $2, 'attended', $3)`, [event!.id, userId, attendedAt]);
}

interface StoredRow {
  user_id: string;
  week: string;
  insight_type: string;
  title: string;
  description: string;
  data: unknown;
  is_read: boolean;
  created_at: string;
}

async function storedRows(db: Database, userIds: string[], week = WEEK): Promise<StoredRow[]> {
  return sql<StoredRow>(
    db,
    `SELECT user_id::text, week_start_date::text AS week, insight_type, title, description, data, is_read, created_at::text
       FROM weekly_insights WHERE user_id = ANY($1::uuid[]) AND week_start_date = $2::date ORDER BY user_id, insight_type`,
    [userIds, week],
  );
}

function byType(insights: readonly WeeklyInsight[]): Record<string, WeeklyInsight> {
  return Object.fromEntries(insights.map((i) => [i.type, i]));
}

describe.each(DB_KINDS)('weekly insights on %s', (kind) => {
  let t: TestDatabase;
  let deps: CoreDeps & { clock: TestClock };
  let kiri: string; // Auckland, UTC+13 in November
  let lee: string; // Los Angeles, UTC-8 in November
  let quiet: string;

  beforeAll(async () => {
    t = await freshDatabase(kind);
    deps = coreDeps(t.db, '2026-11-25T12:00:00Z');
    kiri = (await newUser(deps, { timezone: AUCKLAND })).id;
    lee = (await newUser(deps, { timezone: LOS_ANGELES })).id;
    quiet = (await newUser(deps, { timezone: LOS_ANGELES })).id;
    const db = t.db;

    // Kiri: the previous week averages 4.5; this week 7 (Monday 00:30 and Sunday 23:30 local are
    // still this week although they fall on Sunday in UTC); next Monday 00:30 local is not.
    await mood(db, kiri, at(AUCKLAND, '2026-11-10 09:00'), 4, ['work']);
    await mood(db, kiri, at(AUCKLAND, '2026-11-12 09:00'), 5, ['work']);
    await mood(db, kiri, at(AUCKLAND, '2026-11-16 00:30'), 7, ['Work', 'crowds']);
    await mood(db, kiri, at(AUCKLAND, '2026-11-18 20:00'), 6, ['crowds ', 'crowds']);
    await mood(db, kiri, at(AUCKLAND, '2026-11-22 23:30'), 8, ['crowds', 'phone calls']);
    await mood(db, kiri, at(AUCKLAND, '2026-11-23 00:30'), 1, ['work', 'work']);
    await journal(db, kiri, at(AUCKLAND, '2026-11-17 08:00'));
    await journal(db, kiri, at(AUCKLAND, '2026-11-17 21:00'));
    const [conversationA, conversationB, networking, earlier] = [
      await mission(db, 'conversation'),
      await mission(db, 'conversation'),
      await mission(db, 'networking'),
      await mission(db, 'networking'),
    ];
    await completed(db, kiri, conversationA!, at(AUCKLAND, '2026-11-19 12:00'));
    await completed(db, kiri, conversationB!, at(AUCKLAND, '2026-11-21 10:00'));
    await completed(db, kiri, networking!, at(AUCKLAND, '2026-11-21 18:00'));
    await completed(db, kiri, earlier!, at(AUCKLAND, '2026-11-15 23:00'));
    await progress(db, kiri, '2026-11-05', 4);
    await progress(db, kiri, '2026-11-12', 5);
    await progress(db, kiri, '2026-11-17', 5.5);
    await progress(db, kiri, '2026-11-20', 6.5);
    await progress(db, kiri, '2026-11-21', null);

    // Lee: 6 the week before, 6, 5, 6 this week (5.7: steady); a tie between two triggers;
    // Sunday 23:00 local before the week is the previous week although it is Monday in UTC.
    await mood(db, lee, at(LOS_ANGELES, '2026-11-10 12:00'), 6);
    await mood(db, lee, at(LOS_ANGELES, '2026-11-16 12:00'), 6, ['small talk']);
    await mood(db, lee, at(LOS_ANGELES, '2026-11-18 12:00'), 5, ['meetings']);
    await mood(db, lee, at(LOS_ANGELES, '2026-11-20 12:00'), 6);
    await journal(db, lee, at(LOS_ANGELES, '2026-11-15 23:00'));
    await attended(db, lee, '2026-11-19', null);
    await attended(db, lee, '2026-11-22', at(LOS_ANGELES, '2026-11-22 20:00'));
    await progress(db, lee, '2026-11-18', 4);
  });
  afterAll(async () => t.dispose());

  it("computes each metric over the person's local Monday-to-Sunday week", async () => {
    const k = byType(await computeWeeklyInsights(deps, kiri, WEEK));
    expect(k.mood_trend!.data).toEqual({ avg: 7, previousAvg: 4.5, direction: 'up', logs: 3, previousLogs: 2 });
    expect(k.consistency!.data).toEqual({ activeDays: 6, days: 7 });
    expect(k.missions!.data).toEqual({ completed: 3, byCategory: { conversation: 2, networking: 1 } });
    expect(k.confidence!.data).toEqual({ current: 6.5, previous: 5, change: 1.5 });
    expect(k.top_trigger!.data).toEqual({ trigger: 'crowds', count: 3 });

    const l = byType(await computeWeeklyInsights(deps, lee, WEEK));
    expect(l.mood_trend!.data).toEqual({ avg: 5.7, previousAvg: 6, direction: 'steady', logs: 3, previousLogs: 1 });
    expect(l.consistency!.data).toEqual({ activeDays: 5, days: 7 });
    expect(l.missions!.data).toEqual({ completed: 0, byCategory: {} });
    expect(l.confidence!.data).toEqual({ current: 4, previous: null, change: null });
    expect(l.top_trigger!.data).toEqual({ trigger: 'meetings', count: 1 });
  });

  it('returns the five insights in display order with warm, specific text', async () => {
    const insights = await computeWeeklyInsights(deps, kiri, WEEK);
    expect(insights.map((i) => i.type)).toEqual([...INSIGHT_TYPES]);
    expect(insights.every((i) => i.weekStart === WEEK && i.isRead === false)).toBe(true);
    const k = byType(insights);
    expect(k.mood_trend!.title).toBe('Your mood lifted this week');
    expect(k.mood_trend!.description).toContain('averaged 7 out of 10 this week, up from 4.5');
    expect(k.consistency!.description).toContain('6 of 7 days');
    expect(k.missions!.title).toBe('3 missions completed');
    expect(k.missions!.description).toContain('most often in conversation');
    expect(k.confidence!.description).toContain('from 5 to 6.5 out of 10');
    expect(k.top_trigger!.description).toContain('"crowds" came up in 3 mood logs');
  });

  it('gives a quiet week gentle words and empty numbers', async () => {
    const q = byType(await computeWeeklyInsights(deps, quiet, WEEK));
    expect(Object.keys(q).sort()).toEqual([...INSIGHT_TYPES].sort());
    expect(q.consistency!.title).toBe('A quiet week');
    expect(q.consistency!.description).toContain('A quiet week is fine');
    expect(q.consistency!.data).toEqual({ activeDays: 0, days: 7 });
    expect(q.mood_trend!.data).toEqual({ avg: null, previousAvg: null, direction: 'unknown', logs: 0, previousLogs: 0 });
    expect(q.missions!.data).toEqual({ completed: 0, byCategory: {} });
    expect(q.confidence!.data).toEqual({ current: null, previous: null, change: null });
    expect(q.top_trigger!.data).toEqual({ trigger: null, count: 0 });
    for (const insight of Object.values(q)) expect(insight.description).not.toMatch(/only|failed|missed|should/i);
  });

  it('calls a drop of exactly 0.5 down and a drop of less steady', async () => {
    const person = (await newUser(deps, { timezone: LOS_ANGELES })).id;
    await mood(t.db, person, at(LOS_ANGELES, '2026-11-11 09:00'), 6);
    await mood(t.db, person, at(LOS_ANGELES, '2026-11-17 09:00'), 5);
    await mood(t.db, person, at(LOS_ANGELES, '2026-11-18 09:00'), 6);
    const down = byType(await computeWeeklyInsights(deps, person, WEEK)).mood_trend!;
    expect(down.data).toMatchObject({ avg: 5.5, previousAvg: 6, direction: 'down' });
    expect(down.description).toContain('be gentle with yourself');

    await progress(t.db, person, '2026-11-10', 7);
    await progress(t.db, person, '2026-11-19', 6);
    const dip = byType(await computeWeeklyInsights(deps, person, WEEK)).confidence!;
    expect(dip.data).toEqual({ current: 6, previous: 7, change: -1 });
    expect(dip.title).toBe('A dip in confidence');
  });

  it('uses the default time zone for people who set none or an unknown one, and keeps titles within 200 characters', async () => {
    const tokyoDeps = coreDeps(t.db, '2026-11-25T12:00:00Z', 'Asia/Tokyo');
    const person = (await newUser(tokyoDeps)).id;
    // Monday 00:30 in Tokyo is Sunday 15:30 UTC: this week only in Tokyo time.
    await mood(t.db, person, at('Asia/Tokyo', '2026-11-16 00:30'), 5, ['x'.repeat(300)]);
    const insights = byType(await computeWeeklyInsights(tokyoDeps, person, WEEK));
    expect(insights.consistency!.data).toEqual({ activeDays: 1, days: 7 });
    expect(insights.top_trigger!.data).toEqual({ trigger: 'x'.repeat(300), count: 1 });
    expect(insights.top_trigger!.title.length).toBeLessThanOrEqual(200);

    const utc = byType(await computeWeeklyInsights(deps, person, WEEK));
    expect(utc.consistency!.data).toEqual({ activeDays: 0, days: 7 });

    // A zone Postgres does not know falls back to the default; an explicit UTC stays UTC.
    await sql(t.db, `UPDATE users SET preferences = '{"timezone": "Mars/Olympus"}' WHERE id = $1`, [person]);
    expect(byType(await computeWeeklyInsights(tokyoDeps, person, WEEK)).consistency!.data).toEqual({ activeDays: 1, days: 7 });
    await sql(t.db, `UPDATE users SET preferences = '{"timezone": "UTC"}' WHERE id = $1`, [person]);
    expect(byType(await computeWeeklyInsights(tokyoDeps, person, WEEK)).consistency!.data).toEqual({ activeDays: 0, days: 7 });
  });

  it('writes the same rows for one person as the set-based pass does', async () => {
    const people = [kiri, lee, quiet];
    for (const person of people) await computeWeeklyInsights(deps, person, WEEK);
    const perUser = await storedRows(t.db, people);
    expect(perUser).toHaveLength(15);

    await sql(t.db, 'DELETE FROM weekly_insights WHERE week_start_date = $1::date', [WEEK]);
    await computeAllWeeklyInsights(deps, WEEK);
    expect(await storedRows(t.db, people)).toEqual(perUser);
  });

  it('covers every active user in one pass and skips inactive ones', async () => {
    const inactive = (await newUser(deps)).id;
    await sql(t.db, 'UPDATE users SET is_active = false WHERE id = $1', [inactive]);
    const [active] = await sql<{ n: number }>(t.db, 'SELECT count(*)::int AS n FROM users WHERE is_active IS NOT FALSE');

    expect(await computeAllWeeklyInsights(deps, PREVIOUS_WEEK)).toBe(active!.n);
    const [written] = await sql<{ users: number; rows: number }>(
      t.db,
      'SELECT count(DISTINCT user_id)::int AS users, count(*)::int AS rows FROM weekly_insights WHERE week_start_date = $1::date',
      [PREVIOUS_WEEK],
    );
    expect(written).toEqual({ users: active!.n, rows: active!.n * 5 });
    expect(await storedRows(t.db, [inactive], PREVIOUS_WEEK)).toEqual([]);
  });

  it('updates title, description and data on a re-run without duplicating rows or resetting is_read', async () => {
    await computeAllWeeklyInsights(deps, WEEK);
    const count = async () =>
      (await sql<{ n: number }>(t.db, 'SELECT count(*)::int AS n FROM weekly_insights WHERE week_start_date = $1::date', [WEEK]))[0]!.n;
    const before = await count();
    const [row] = await storedRows(t.db, [lee]);
    await sql(t.db, `UPDATE weekly_insights SET is_read = true WHERE user_id = $1 AND week_start_date = $2::date AND insight_type = 'missions'`, [
      lee,
      WEEK,
    ]);

    await completed(t.db, lee, await mission(t.db, 'small_talk'), at(LOS_ANGELES, '2026-11-21 15:00'));
    deps.clock.advance(86_400_000);
    await computeAllWeeklyInsights(deps, WEEK);
    await computeWeeklyInsights(deps, lee, WEEK);

    expect(await count()).toBe(before);
    const missions = (await storedRows(t.db, [lee])).find((r) => r.insight_type === 'missions')!;
    expect(missions.data).toEqual({ completed: 1, byCategory: { small_talk: 1 } });
    expect(missions.title).toBe('1 mission completed');
    expect(missions.description).toContain('a small talk mission');
    expect(missions.is_read).toBe(true);
    expect(missions.created_at).toBe(row!.created_at);
    deps.clock.set('2026-11-25T12:00:00Z');
  });

  it('refuses a week that does not start on a Monday, naming the Monday to use', async () => {
    await expect(computeWeeklyInsights(deps, kiri, '2026-11-18')).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'weekStart: 2026-11-18 is a Wednesday; weeks start on Monday, so use 2026-11-16',
    });
    await expect(computeAllWeeklyInsights(deps, '2026-11-22')).rejects.toMatchObject({ code: 'invalid_input', message: /use 2026-11-16/ });
    await expect(computeWeeklyInsights(deps, kiri, '16/11/2026')).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'weekStart: use a date like 2026-11-16 (the Monday the week starts on)',
    });
    await expect(computeWeeklyInsights(deps, kiri, '2026-02-30')).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'weekStart: 2026-02-30 is not a date on the calendar',
    });
  });

  it('answers not_found for someone unknown', async () => {
    await expect(computeWeeklyInsights(deps, '00000000-0000-4000-8000-000000000000', WEEK)).rejects.toMatchObject({ code: 'not_found' });
    await expect(computeWeeklyInsights(deps, 'not-a-user', WEEK)).rejects.toMatchObject({ code: 'not_found' });
    await expect(latestInsights(deps, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'not_found' });
  });

  it("shows the person's most recent week, and nothing of anyone else", async () => {
    const person = (await newUser(deps, { timezone: AUCKLAND })).id;
    expect(await latestInsights(deps, person)).toBeNull();
    await computeWeeklyInsights(deps, person, WEEK);
    await computeWeeklyInsights(deps, person, PREVIOUS_WEEK);
    const latest = await latestInsights(deps, person);
    expect(latest!.weekStart).toBe(WEEK);
    expect(latest!.insights.map((i) => i.type)).toEqual([...INSIGHT_TYPES]);
    const [ids] = await sql<{ ids: string[] }>(t.db, 'SELECT array_agg(id::text) AS ids FROM weekly_insights WHERE user_id = $1 AND week_start_date = $2::date', [
      person,
      WEEK,
    ]);
    expect(latest!.insights.map((i) => i.id).sort()).toEqual(ids!.ids.sort());
  });

  it('names the Monday of the last full week', () => {
    expect(previousWeekStart('2026-11-25')).toBe(WEEK);
    expect(previousWeekStart('2026-11-23')).toBe(WEEK);
    expect(previousWeekStart('2026-11-22')).toBe(PREVIOUS_WEEK);
  });
});
