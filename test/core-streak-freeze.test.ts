import { describe, expect, it } from 'vitest';
import { writeJournalEntry } from '../src/core/journal.ts';
import { progressSummary } from '../src/core/progress.ts';
import { streakStatus } from '../src/core/streak-freeze.ts';
import { localDate } from '../src/core/time.ts';
import { updateSettings } from '../src/core/users.ts';
import { coreDeps, newUser, type TestClock } from './helpers/core.ts';
import { DB_KINDS, sql, useDatabase } from './helpers/databases.ts';

const DAY = 86_400_000;

describe.each(DB_KINDS)('streak freezes on %s', (kind) => {
  const t = useDatabase(kind);

  /** Journals `daysAgo` days before now (the streak trigger counts days from the database's now()). */
  async function journal(deps: { clock: TestClock } & ReturnType<typeof coreDeps>, userId: string, daysAgo: number) {
    deps.clock.set(new Date(Date.now() - daysAgo * DAY));
    const result = await writeJournalEntry(deps, userId, { content: 'a few words', mood: 'calm' });
    return { daysProtected: result.daysProtected, gained: result.freezesEarned };
  }
  const held = async (userId: string) =>
    (await sql<{ held: number }>(t.db, 'SELECT held FROM companion_streak_freezes WHERE user_id = $1', [userId]))[0]?.held ?? 0;
  const streak = async (userId: string) =>
    (await sql<{ streak_days: number; longest_streak: number }>(t.db, 'SELECT streak_days, longest_streak FROM users WHERE id = $1', [userId]))[0]!;

  it('earns a freeze for seven days in a row and spends it on a missed day', async () => {
    const deps = coreDeps(t.db);
    const user = await newUser(deps);
    const gains = [];
    for (let daysAgo = 9; daysAgo >= 3; daysAgo--) gains.push((await journal(deps, user.id, daysAgo)).gained);
    expect(gains).toEqual([0, 0, 0, 0, 0, 0, 1]);
    expect(await held(user.id)).toBe(1);

    // Day 2 ago is missed; coming back yesterday spends the freeze and keeps the run.
    expect((await journal(deps, user.id, 1)).daysProtected).toBe(1);
    expect(await held(user.id)).toBe(0);
    expect(await streak(user.id)).toMatchObject({ streak_days: 9, longest_streak: 9 });
    const frozen = await sql<{ day: string }>(t.db, 'SELECT day::text FROM companion_streak_frozen_days WHERE user_id = $1', [user.id]);
    expect(frozen.map((f) => f.day)).toEqual([localDate(new Date(Date.now() - 2 * DAY), 'UTC')]);
  });

  it('holds at most two freezes', async () => {
    const deps = coreDeps(t.db);
    const user = await newUser(deps);
    for (let daysAgo = 22; daysAgo >= 0; daysAgo--) await journal(deps, user.id, daysAgo);
    expect(await held(user.id)).toBe(2);
  });

  it('does not cover more missed days than it holds freezes for', async () => {
    const deps = coreDeps(t.db);
    const user = await newUser(deps);
    for (let daysAgo = 12; daysAgo >= 6; daysAgo--) await journal(deps, user.id, daysAgo);
    expect(await held(user.id)).toBe(1);
    // Days 5 and 4 missed: one freeze cannot cover two days, so the run starts again and the freeze stays.
    expect((await journal(deps, user.id, 3)).daysProtected).toBe(0);
    expect(await held(user.id)).toBe(1);
    await journal(deps, user.id, 2);
    await journal(deps, user.id, 1);
    expect(await streak(user.id)).toMatchObject({ streak_days: 3, longest_streak: 7 });
  });

  it('shows a streak a held freeze will protect, before the person writes again', async () => {
    const deps = coreDeps(t.db);
    const user = await newUser(deps);
    for (let daysAgo = 9; daysAgo >= 2; daysAgo--) await journal(deps, user.id, daysAgo);
    deps.clock.set(new Date());
    const status = await streakStatus(deps, user.id);
    expect(status).toMatchObject({ streakDays: 8, freezesHeld: 1, daysAwaitingFreeze: 1 });
    const summary = await progressSummary(deps, user.id);
    expect(summary.streak.daysAwaitingFreeze).toBe(1);
  });

  it('keeps frozen days when the time zone changes', async () => {
    const deps = coreDeps(t.db);
    const user = await newUser(deps);
    for (let daysAgo = 9; daysAgo >= 3; daysAgo--) await journal(deps, user.id, daysAgo);
    await journal(deps, user.id, 1);
    const before = await streak(user.id);
    await updateSettings(deps, user.id, { timezone: 'Etc/GMT-1' });
    const runs = await sql(t.db, 'SELECT 1 FROM companion_journal_streak_runs WHERE user_id = $1', [user.id]);
    expect(runs).toHaveLength(1);
    expect((await streak(user.id)).longest_streak).toBeGreaterThanOrEqual(before.longest_streak);
  });
});

describe.each(DB_KINDS)('progress summary on %s', (kind) => {
  const t = useDatabase(kind);

  it('reads totals from the dashboard view and recent days from progress_tracking', async () => {
    const deps = coreDeps(t.db, '2026-11-26T12:00:00Z');
    const user = await newUser(deps);
    await sql(
      t.db,
      `INSERT INTO progress_tracking (user_id, tracking_date, confidence_level, mood, activities_completed, journal_entries, points_earned)
       VALUES ($1, '2026-11-23', 4.0, 'nervous', 2, 1, 10), ($1, '2026-11-25', 5.5, 'hopeful', 1, 1, 0), ($1, '2026-10-01', 3.0, 'sad', 1, 1, 0)`,
      [user.id],
    );
    const [mission] = await sql<{ id: string }>(t.db, 'SELECT id FROM missions LIMIT 1');
    await sql(t.db, "INSERT INTO user_missions (user_id, mission_id, status, completed_at) VALUES ($1, $2, 'completed', '2026-11-24T09:00:00Z')", [
      user.id,
      mission!.id,
    ]);
    const summary = await progressSummary(deps, user.id);
    expect(summary.recentDays.map((d) => [d.date, d.confidenceLevel, d.mood])).toEqual([
      ['2026-11-23', 4, 'nervous'],
      ['2026-11-25', 5.5, 'hopeful'],
    ]);
    expect(summary.totals.missionsCompleted).toBe(1);
    expect(summary.missionsPerWeek).toHaveLength(8);
    expect(summary.missionsPerWeek.at(-1)).toEqual({ weekStart: '2026-11-23', completed: 1 });
    expect(summary.missionsPerWeek.slice(0, -1).every((w) => w.completed === 0)).toBe(true);
    expect(summary.thisWeek).toEqual({ activeDays: 2, activities: 3, pointsEarned: 10 });
    expect(summary.confidencePerWeek).toEqual([{ weekStart: '2026-11-23', averageConfidence: 4.8 }]);
  });
});

describe.each(DB_KINDS)('journal entries of one person at once on %s', (kind) => {
  const t = useDatabase(kind);

  it('all succeed while a freeze is being spent, and spend it once', async () => {
    const deps = coreDeps(t.db);
    const user = await newUser(deps);
    for (let daysAgo = 9; daysAgo >= 3; daysAgo--) {
      deps.clock.set(new Date(Date.now() - daysAgo * DAY));
      await writeJournalEntry(deps, user.id, { content: 'steady', mood: 'calm' });
    }
    deps.clock.set(new Date(Date.now() - DAY));
    const results = await Promise.all(Array.from({ length: 4 }, () => writeJournalEntry(deps, user.id, { content: 'back again', mood: 'hopeful' })));
    expect(results.reduce((sum, r) => sum + r.daysProtected, 0)).toBe(1);
    const [row] = await sql<{ streak_days: number }>(t.db, 'SELECT streak_days FROM users WHERE id = $1', [user.id]);
    expect(row!.streak_days).toBe(9);
  });
});
