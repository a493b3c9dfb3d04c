import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreDeps } from '../src/core/deps.ts';
import { logMood, moodHistory, type LogMoodInput } from '../src/core/mood.ts';
import { updateSettings } from '../src/core/users.ts';
import { coreDeps, newUser, type TestClock } from './helpers/core.ts';
import { DB_KINDS, freshDatabase, sql, type TestDatabase } from './helpers/databases.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

describe.each(DB_KINDS)('mood service on %s', (kind) => {
  let t: TestDatabase;
  let deps: CoreDeps & { clock: TestClock };

  beforeAll(async () => {
    t = await freshDatabase(kind);
    deps = coreDeps(t.db, '2025-03-01T12:00:00.000Z');
  });
  afterAll(async () => t.dispose());

  const log = (userId: string, input: Partial<LogMoodInput> = {}) => logMood(deps, userId, { mood: 'calm', intensity: 5, ...input });
  const logCount = async (userId: string) =>
    (await sql<{ n: number }>(t.db, 'SELECT count(*)::int AS n FROM mood_tracking WHERE user_id = $1', [userId]))[0]!.n;

  describe('logMood', () => {
    it("saves the mood, intensity, context and normalised triggers at the clock's time", async () => {
      deps.clock.set('2025-03-01T12:00:00.000Z');
      const user = await newUser(deps);
      const { entry } = await log(user.id, {
        mood: '  Nervous ',
        intensity: 7,
        context: '  Before the team lunch  ',
        triggers: 'Work deadline, #Crowds,  work   deadline ,',
      });
      expect(entry).toMatchObject({ mood: 'nervous', intensity: 7, context: 'Before the team lunch', triggers: ['work deadline', 'crowds'] });
      expect(entry.recordedAt.toISOString()).toBe('2025-03-01T12:00:00.000Z');
      const [row] = await sql<{ mood: string; intensity: number; context: string; triggers: string[]; recorded_at: Date }>(
        t.db,
        'SELECT mood, intensity, context, triggers, recorded_at FROM mood_tracking WHERE id = $1',
        [entry.id],
      );
      expect(row).toMatchObject({ mood: 'nervous', intensity: 7, context: 'Before the team lunch', triggers: ['work deadline', 'crowds'] });
      expect(new Date(row!.recorded_at).toISOString()).toBe('2025-03-01T12:00:00.000Z');

      const list = await log(user.id, { mood: 'Feeling a bit off', triggers: ['#Sleep', 'sleep', 'NEWS'], context: '   ' });
      expect(list.entry).toMatchObject({ mood: 'feeling a bit off', triggers: ['sleep', 'news'], context: null });
    });

    it('refuses an intensity of 0, 11, 5.5 or none, and accepts a whole number given as text', async () => {
      const user = await newUser(deps);
      for (const intensity of [0, 11, 5.5, undefined, 'lots', '']) {
        await expect(log(user.id, { intensity: intensity as number })).rejects.toMatchObject({
          code: 'invalid_input',
          message: 'intensity: pick a whole number from 1 (barely) to 10 (very strongly)',
        });
      }
      expect(await logCount(user.id)).toBe(0);
      const { entry } = await log(user.id, { intensity: '8' as unknown as number });
      expect(entry.intensity).toBe(8);
      for (const intensity of [1, 10]) expect((await log(user.id, { intensity })).entry.intensity).toBe(intensity);
    });

    it('enforces the limits of mood, context and triggers and refuses unknown options before writing anything', async () => {
      const user = await newUser(deps);
      const refused = async (input: Record<string, unknown>, message: RegExp) =>
        expect(log(user.id, input as Partial<LogMoodInput>)).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(message) });

      await refused({ mood: '' }, /^mood: pick how you feel/);
      await refused({ mood: undefined }, /^mood: pick how you feel/);
      await refused({ mood: 'm'.repeat(51) }, /^mood: describe it in at most 50 characters/);
      await refused({ context: 'c'.repeat(1001) }, /^context: write at most 1,000 characters/);
      await refused({ triggers: ['t'.repeat(41)] }, /^triggers: keep each trigger to 40 characters or fewer/);
      await refused({ triggers: Array.from({ length: 11 }, (_, i) => `trigger ${i}`) }, /^triggers: add at most 10 triggers/);
      await refused({ note: 'hi' }, /I don't know the option note/);
      expect(await logCount(user.id)).toBe(0);

      const ok = await log(user.id, { mood: 'm'.repeat(50), context: 'c'.repeat(1000), triggers: ['t'.repeat(40)] });
      expect(ok.entry.mood).toHaveLength(50);
    });

    it("sets the mood of the person's local day and counts each log as one activity", async () => {
      const user = await newUser(deps);
      await updateSettings(deps, user.id, { timezone: 'Pacific/Auckland' });
      // 20:00 UTC on 10 June is 08:00 on 11 June in Auckland.
      deps.clock.set('2025-06-10T20:00:00.000Z');
      await log(user.id, { mood: 'hopeful' });
      const day = async () =>
        sql<{ day: string; mood: string; activities_completed: number; journal_entries: number }>(
          t.db,
          'SELECT tracking_date::text AS day, mood, activities_completed, journal_entries FROM progress_tracking WHERE user_id = $1',
          [user.id],
        );
      expect(await day()).toEqual([{ day: '2025-06-11', mood: 'hopeful', activities_completed: 1, journal_entries: 0 }]);
      deps.clock.advance(2 * HOUR);
      await log(user.id, { mood: 'Anxious' });
      expect(await day()).toEqual([{ day: '2025-06-11', mood: 'anxious', activities_completed: 2, journal_entries: 0 }]);
    });

    it("awards 'Checking In' on the first log only, with its points once", async () => {
      deps.clock.set('2025-03-01T12:00:00.000Z');
      const user = await newUser(deps);
      const first = await log(user.id);
      expect(first.newAchievements.map((a) => a.title)).toContain('Checking In');
      const points = async () => (await sql<{ p: number }>(t.db, 'SELECT total_points AS p FROM users WHERE id = $1', [user.id]))[0]!.p;
      expect(await points()).toBe(first.newAchievements.reduce((s, a) => s + a.pointsReward, 0));
      const before = await points();
      const second = await log(user.id);
      expect(second.newAchievements.map((a) => a.title)).not.toContain('Checking In');
      expect(await points()).toBe(before + second.newAchievements.reduce((s, a) => s + a.pointsReward, 0));
    });

    it('refuses to log for a person it does not know', async () => {
      await expect(log(randomUUID())).rejects.toMatchObject({ code: 'not_found' });
    });
  });

  describe('moodHistory', () => {
    const now = Date.parse('2025-03-01T12:00:00.000Z');

    it("returns the person's own logs of the last N days, newest first", async () => {
      const user = await newUser(deps);
      const other = await newUser(deps);
      const at = async (ms: number, mood: string, who = user.id) => {
        deps.clock.set(new Date(ms));
        return (await log(who, { mood })).entry.id;
      };
      await at(now - 40 * DAY, 'old');
      const twentyDays = await at(now - 20 * DAY, 'twenty days');
      const fiveDays = await at(now - 5 * DAY, 'five days');
      const hourAgo = await at(now - HOUR, 'an hour ago');
      await at(now - 2 * HOUR, 'not mine', other.id);
      await at(now + HOUR, 'after the clock');
      deps.clock.set(new Date(now));

      const month = await moodHistory(deps, user.id);
      expect(month.days).toBe(30);
      expect(month.entries.map((e) => e.id)).toEqual([hourAgo, fiveDays, twentyDays]);
      expect(month.summary.count).toBe(3);

      const week = await moodHistory(deps, user.id, { days: 7 });
      expect(week.entries.map((e) => e.mood)).toEqual(['an hour ago', 'five days']);

      const year = await moodHistory(deps, user.id, { days: 365 });
      expect(year.entries.map((e) => e.mood)).toEqual(['an hour ago', 'five days', 'twenty days', 'old']);
    });

    it('summarises count, average intensity, most frequent mood and trigger, breaking ties alphabetically', async () => {
      const user = await newUser(deps);
      const logs: Partial<LogMoodInput>[] = [
        { mood: 'calm', intensity: 4, triggers: ['work'] },
        { mood: 'anxious', intensity: 7, triggers: ['work', 'crowds'] },
        { mood: 'calm', intensity: 5, triggers: ['crowds'] },
        { mood: 'anxious', intensity: 6 },
      ];
      for (const [i, input] of logs.entries()) {
        deps.clock.set(new Date(now - (i + 1) * HOUR));
        await log(user.id, input);
      }
      deps.clock.set(new Date(now));
      expect((await moodHistory(deps, user.id, { days: 1 })).summary).toEqual({
        count: 4,
        averageIntensity: 5.5,
        mostFrequentMood: 'anxious',
        mostFrequentTrigger: 'crowds',
      });

      deps.clock.set(new Date(now - 30 * 60_000));
      await log(user.id, { mood: 'calm', intensity: 6, triggers: ['work'] });
      deps.clock.set(new Date(now));
      expect((await moodHistory(deps, user.id, { days: 1 })).summary).toEqual({
        count: 5,
        averageIntensity: 5.6,
        mostFrequentMood: 'calm',
        mostFrequentTrigger: 'work',
      });
    });

    it('rounds the average intensity to one decimal', async () => {
      const user = await newUser(deps);
      for (const [i, intensity] of [5, 6, 6].entries()) {
        deps.clock.set(new Date(now - (i + 1) * HOUR));
        await log(user.id, { intensity });
      }
      deps.clock.set(new Date(now));
      expect((await moodHistory(deps, user.id)).summary.averageIntensity).toBe(5.7);
    });

    it('gives an empty summary when nothing was logged in the window', async () => {
      const user = await newUser(deps);
      deps.clock.set(new Date(now - 10 * DAY));
      await log(user.id);
      deps.clock.set(new Date(now));
      expect(await moodHistory(deps, user.id, { days: 3 })).toEqual({
        days: 3,
        entries: [],
        summary: { count: 0, averageIntensity: null, mostFrequentMood: null, mostFrequentTrigger: null },
      });
    });

    it('refuses a window outside 1 to 365 whole days', async () => {
      const user = await newUser(deps);
      for (const [days, message] of [
        [0, 'days: pick a whole number of days from 1 to 365'],
        [2.5, 'days: pick a whole number of days from 1 to 365'],
        [366, 'days: look back at most 365 days'],
      ] as const) {
        await expect(moodHistory(deps, user.id, { days })).rejects.toMatchObject({ code: 'invalid_input', message });
      }
    });
  });
});
