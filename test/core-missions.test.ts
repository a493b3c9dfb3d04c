import { describe, expect, it } from 'vitest';
import { UserError, type UserErrorCode } from '../src/core/errors.ts';
import {
  MISSION_STATUSES,
  assertTransition,
  completeMission,
  findMission,
  listCatalog,
  listMyMissions,
  missionCategories,
  searchMissions,
  skipMission,
  startMission,
  suggestMission,
  type MissionStatus,
} from '../src/core/missions.ts';
import { updateSettings } from '../src/core/users.ts';
import { coreDeps, newUser } from './helpers/core.ts';
import { DB_KINDS, sql, useDatabase } from './helpers/databases.ts';

async function expectUserError(promise: Promise<unknown>, code: UserErrorCode, message?: RegExp): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).code).toBe(code);
  if (message) expect((error as UserError).message).toMatch(message);
  return error as UserError;
}

const DAY = 86_400_000;

describe('assertTransition', () => {
  const allowed = new Set([
    'assigned→in_progress',
    'assigned→completed',
    'assigned→skipped',
    'in_progress→completed',
    'in_progress→skipped',
    'skipped→in_progress',
  ]);

  for (const from of MISSION_STATUSES) {
    for (const to of MISSION_STATUSES) {
      const move = `${from}→${to}`;
      it(`${allowed.has(move) ? 'allows' : 'refuses'} ${move}`, () => {
        if (allowed.has(move)) {
          expect(() => assertTransition(from, to)).not.toThrow();
        } else {
          let caught: unknown;
          try {
            assertTransition(from, to, 'Give a Compliment');
          } catch (e) {
            caught = e;
          }
          expect(caught).toBeInstanceOf(UserError);
          expect((caught as UserError).code).toBe('invalid_transition');
          expect((caught as UserError).message).toContain('Give a Compliment');
        }
      });
    }
  }

  it('answers a second start kindly', () => {
    expect(() => assertTransition('in_progress', 'in_progress', 'Give a Compliment')).toThrow(/You're already on this one/);
  });
});

describe.each(DB_KINDS)('missions on %s', (kind) => {
  const t = useDatabase(kind);

  const START = '2026-03-02T12:00:00Z';
  const deps = () => coreDeps(t.db, START);

  const missionId = async (title: string) => (await sql<{ id: string }>(t.db, 'SELECT id FROM missions WHERE title = $1', [title]))[0]!.id;
  const activeMissions = () =>
    sql<{ id: string; title: string; difficulty: string; category: string; points: number }>(
      t.db,
      'SELECT id, title, difficulty, category, points FROM missions WHERE is_active IS NOT FALSE ORDER BY title',
    );
  const points = async (userId: string) =>
    (await sql<{ total_points: number }>(t.db, 'SELECT total_points FROM users WHERE id = $1', [userId]))[0]!.total_points;
  const rowOf = async (userId: string, mission: string) =>
    (
      await sql<{ status: MissionStatus; started_at: Date | null; completed_at: Date | null; assigned_at: Date | null; notes: string | null; difficulty_rating: number | null; satisfaction_rating: number | null }>(
        t.db,
        'SELECT status, started_at, completed_at, assigned_at, notes, difficulty_rating, satisfaction_rating FROM user_missions WHERE user_id = $1 AND mission_id = $2',
        [userId, mission],
      )
    )[0];
  /** Marks missions completed directly in SQL (an INSERT: the points trigger does not fire), `minutesAgo` apart. */
  const markCompleted = async (userId: string, ids: readonly string[], at = new Date(START)) => {
    for (const [i, id] of ids.entries()) {
      await sql(t.db, "INSERT INTO user_missions (user_id, mission_id, status, completed_at) VALUES ($1, $2, 'completed', $3)", [
        userId,
        id,
        new Date(at.getTime() - (ids.length - i) * 60_000),
      ]);
    }
  };
  const setConfidence = (userId: string, level: number) => t.db.prisma.user.update({ where: { id: userId }, data: { confidenceLevel: level } });
  /** Suggestions on `days` consecutive days from the deps' clock. */
  const suggestionsOverDays = async (d: ReturnType<typeof deps>, userId: string, days: number) => {
    const out = [];
    for (let i = 0; i < days; i++) {
      out.push(await suggestMission(d, userId));
      d.clock.advance(DAY);
    }
    return out;
  };

  describe('catalog', () => {
    it('lists active missions gentlest first, in pages, with the total', async () => {
      const d = deps();
      const user = await newUser(d);
      const all = await activeMissions();
      const first = await listCatalog(d, user.id);
      expect(first.missions).toHaveLength(10);
      expect(first.total).toBe(all.length);
      expect(first.missions[0]!.difficulty).toBe('beginner');
      const order = { beginner: 0, intermediate: 1, advanced: 2 };
      const everything = await Promise.all([0, 25].map((offset) => listCatalog(d, user.id, { limit: 25, offset })));
      const listed = everything.flatMap((p) => p.missions);
      expect(listed.map((m) => m.id).sort()).toEqual(all.map((m) => m.id).sort());
      const ranks = listed.map((m) => order[m.difficulty]);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      const second = await listCatalog(d, user.id, { offset: 10 });
      expect(second.missions.map((m) => m.id)).toEqual(listed.slice(10, 20).map((m) => m.id));
      expect(listed[0]).toMatchObject({ status: null, tips: expect.any(Array), points: expect.any(Number) });
    });

    it('filters by difficulty and category, accepting everyday spellings', async () => {
      const d = deps();
      const user = await newUser(d);
      const page = await listCatalog(d, user.id, { difficulty: 'Intermediate', category: 'Group Social', limit: 25 });
      const expected = (await activeMissions()).filter((m) => m.difficulty === 'intermediate' && m.category === 'group_social');
      expect(expected.length).toBeGreaterThan(0);
      expect(page.total).toBe(expected.length);
      expect(page.missions.map((m) => m.title).sort()).toEqual(expected.map((m) => m.title).sort());
      const events = await listCatalog(d, user.id, { category: 'events', limit: 25 });
      expect(events.missions.every((m) => m.category === 'events')).toBe(true);
    });

    it('refuses an unknown difficulty or category and names the allowed values', async () => {
      const d = deps();
      const user = await newUser(d);
      await expectUserError(listCatalog(d, user.id, { difficulty: 'expert' }), 'invalid_input', /^difficulty: .*beginner, intermediate or advanced/);
      const categories = await missionCategories(d);
      const error = await expectUserError(listCatalog(d, user.id, { category: 'cooking' }), 'invalid_input', /^category: choose one of/);
      for (const c of categories) expect(error.message).toContain(c);
      await expectUserError(listCatalog(d, user.id, { limit: 0 }), 'invalid_input', /^limit: .*1 to 25/);
      await expectUserError(listCatalog(d, user.id, { limit: 26 }), 'invalid_input', /^limit: /);
      await expectUserError(listCatalog(d, user.id, { limit: 2.5 }), 'invalid_input', /^limit: /);
      await expectUserError(listCatalog(d, user.id, { offset: -1 }), 'invalid_input', /^offset: /);
    });

    it('takes its categories from the active missions in the table', async () => {
      const d = deps();
      await sql(
        t.db,
        "INSERT INTO missions (title, description, difficulty, category, points, is_active) VALUES ('Retired Juggling Mission', 'Old', 'beginner', 'juggling', 10, false)",
      );
      const expected = await sql<{ category: string }>(t.db, 'SELECT DISTINCT category FROM missions WHERE is_active ORDER BY category');
      const categories = await missionCategories(d);
      expect(categories).toEqual(expected.map((r) => r.category));
      expect(categories).toContain('self_compassion');
      expect(categories).not.toContain('juggling');
      const user = await newUser(d);
      await expectUserError(listCatalog(d, user.id, { category: 'juggling' }), 'invalid_input');
      const listed = [...(await listCatalog(d, user.id, { limit: 25 })).missions, ...(await listCatalog(d, user.id, { limit: 25, offset: 25 })).missions];
      expect(listed.map((m) => m.title)).not.toContain('Retired Juggling Mission');
    });

    it("shows each person their own status and not someone else's", async () => {
      const d = deps();
      const [ana, ben] = [await newUser(d), await newUser(d)];
      await startMission(d, ana.id, { mission: 'Give a Compliment' });
      const find = (page: Awaited<ReturnType<typeof listCatalog>>) => page.missions.find((m) => m.title === 'Give a Compliment')!;
      expect(find(await listCatalog(d, ana.id, { category: 'social_skills', limit: 25 })).status).toBe('in_progress');
      expect(find(await listCatalog(d, ben.id, { category: 'social_skills', limit: 25 })).status).toBeNull();
    });
  });

  describe('finding missions', () => {
    it('resolves an id, a title in any case, and a unique part of a title', async () => {
      const d = deps();
      const user = await newUser(d);
      const id = await missionId('Give a Compliment');
      expect((await findMission(d, user.id, id)).title).toBe('Give a Compliment');
      expect((await findMission(d, user.id, '  give A COMPLIMENT ')).id).toBe(id);
      expect((await findMission(d, user.id, 'give a comp')).id).toBe(id);
      expect((await findMission(d, user.id, 'compliment gracefully')).title).toBe('Accept Help or a Compliment Gracefully');
      expect((await findMission(d, user.id, 'Host')).title).toBe('Host a Small Get-Together');
    });

    it('ignores punctuation and apostrophes when matching titles', async () => {
      const d = deps();
      const user = await newUser(d);
      expect((await findMission(d, user.id, 'remember and use someones name')).title).toBe("Remember and Use Someone's Name");
      expect((await findMission(d, user.id, 'host a small get together!')).title).toBe('Host a Small Get-Together');
    });

    it('names at most three candidates when a reference fits several missions', async () => {
      const d = deps();
      const user = await newUser(d);
      const error = await expectUserError(findMission(d, user.id, 'ask'), 'invalid_input', /^mission: "ask" fits several missions: .* and \d+ more\. Which one/);
      expect(error.message.match(/"Ask[^"]*"/g)).toHaveLength(3);
      await expectUserError(findMission(d, user.id, 'conversation'), 'invalid_input', /"Start a Conversation"/);
    });

    it('picks the ambiguous match that is already on the person’s list', async () => {
      const d = deps();
      const user = await newUser(d);
      await startMission(d, user.id, { mission: 'Ask Three Follow-Up Questions' });
      const found = await findMission(d, user.id, 'ask');
      expect(found).toMatchObject({ title: 'Ask Three Follow-Up Questions', status: 'in_progress' });
    });

    it('answers not_found with a hint for an unknown title, an unknown id or a retired mission', async () => {
      const d = deps();
      const user = await newUser(d);
      await expectUserError(findMission(d, user.id, 'swim the channel'), 'not_found', /Try a word from its name/);
      await expectUserError(findMission(d, user.id, '00000000-0000-4000-8000-000000000000'), 'not_found', /catalog/);
      const [retired] = await sql<{ id: string }>(
        t.db,
        "INSERT INTO missions (title, description, difficulty, category, points, is_active) VALUES ('Retired Kite Mission', 'Old', 'beginner', 'conversation', 10, false) RETURNING id",
      );
      await expectUserError(findMission(d, user.id, 'Retired Kite Mission'), 'not_found');
      await expectUserError(findMission(d, user.id, retired!.id), 'not_found');
    });

    it('still finds a retired mission that is on the person’s list', async () => {
      const d = deps();
      const user = await newUser(d);
      const [retired] = await sql<{ id: string }>(
        t.db,
        "INSERT INTO missions (title, description, difficulty, category, points, is_active) VALUES ('Retired Postcard Mission', 'Old', 'beginner', 'conversation', 10, false) RETURNING id",
      );
      await sql(t.db, 'INSERT INTO user_missions (user_id, mission_id) VALUES ($1, $2)', [user.id, retired!.id]);
      expect((await findMission(d, user.id, 'retired postcard')).id).toBe(retired!.id);
      const result = await completeMission(d, user.id, { mission: 'Retired Postcard Mission' });
      expect(result.pointsEarned).toBe(10);
    });

    it('refuses an empty or overlong reference', async () => {
      const d = deps();
      const user = await newUser(d);
      await expectUserError(findMission(d, user.id, '   '), 'invalid_input', /^mission: /);
      await expectUserError(findMission(d, user.id, '!!!'), 'invalid_input', /^mission: /);
      await expectUserError(findMission(d, user.id, 'x'.repeat(201)), 'invalid_input', /200 characters/);
    });

    it('searches titles for autocomplete, best matches first, within the limit', async () => {
      const d = deps();
      const results = await searchMissions(d, 'ask');
      const titles = results.map((m) => m.title.toLowerCase());
      expect(titles.length).toBeGreaterThan(3);
      expect(titles.every((title) => title.includes('ask'))).toBe(true);
      const firstNonPrefix = titles.findIndex((title) => !title.startsWith('ask'));
      if (firstNonPrefix >= 0) expect(titles.slice(firstNonPrefix).every((title) => !title.startsWith('ask'))).toBe(true);
      expect(titles[0]!.startsWith('ask')).toBe(true);
      expect(await searchMissions(d, 'ask', 3)).toHaveLength(3);
      expect((await searchMissions(d, 'event'))[0]!.title).toMatch(/event/i);
      expect(await searchMissions(d, 'zzzz no such mission')).toEqual([]);
      expect(await searchMissions(d, '', 25)).toHaveLength(25);
      await sql(
        t.db,
        "INSERT INTO missions (title, description, difficulty, category, points, is_active) VALUES ('Retired Lantern Mission', 'Old', 'beginner', 'conversation', 10, false)",
      );
      expect(await searchMissions(d, 'lantern')).toEqual([]);
    });

    it('refuses a search limit outside 1 to 25', async () => {
      const d = deps();
      await expectUserError(searchMissions(d, 'ask', 0), 'invalid_input', /^limit: /);
      await expectUserError(searchMissions(d, 'ask', 26), 'invalid_input', /^limit: /);
    });
  });

  describe('starting, completing and skipping', () => {
    it('start puts a new mission on the list as in progress at the clock time', async () => {
      const d = deps();
      const user = await newUser(d);
      const result = await startMission(d, user.id, { mission: 'Give a Compliment' });
      expect(result).toMatchObject({ status: 'in_progress', mission: { title: 'Give a Compliment', points: 15 } });
      const row = await rowOf(user.id, await missionId('Give a Compliment'));
      expect(row).toMatchObject({ status: 'in_progress' });
      expect(row!.started_at!.toISOString()).toBe(new Date(START).toISOString());
      expect(row!.assigned_at!.toISOString()).toBe(new Date(START).toISOString());
    });

    it('starting a mission already in progress is refused kindly', async () => {
      const d = deps();
      const user = await newUser(d);
      await startMission(d, user.id, { mission: 'Give a Compliment' });
      await expectUserError(startMission(d, user.id, { mission: 'Give a Compliment' }), 'invalid_transition', /You're already on this one/);
    });

    it('a skipped mission can be started again, a completed one cannot', async () => {
      const d = deps();
      const user = await newUser(d);
      await skipMission(d, user.id, { mission: 'Give a Compliment' });
      d.clock.advance(3 * DAY);
      await startMission(d, user.id, { mission: 'Give a Compliment' });
      const row = await rowOf(user.id, await missionId('Give a Compliment'));
      expect(row).toMatchObject({ status: 'in_progress' });
      expect(row!.started_at!.getTime()).toBe(new Date(START).getTime() + 3 * DAY);
      await completeMission(d, user.id, { mission: 'Give a Compliment' });
      await expectUserError(startMission(d, user.id, { mission: 'Give a Compliment' }), 'invalid_transition', /already completed/);
    });

    it('complete adds the points once through the trigger and keeps ratings and notes', async () => {
      const d = deps();
      const user = await newUser(d);
      await startMission(d, user.id, { mission: 'Join a Group Discussion' });
      d.clock.advance(3_600_000);
      const result = await completeMission(d, user.id, {
        mission: 'join a group discussion',
        difficulty: 4,
        satisfaction: '5',
        notes: '  Said two things and it went fine.  ',
      });
      const rewards = result.newAchievements.reduce((sum, a) => sum + a.pointsReward, 0);
      expect(result.pointsEarned).toBe(25);
      expect(result.mission.title).toBe('Join a Group Discussion');
      expect(result.totalPoints).toBe(25 + rewards);
      expect(await points(user.id)).toBe(25 + rewards);
      const row = await rowOf(user.id, await missionId('Join a Group Discussion'));
      expect(row).toMatchObject({ status: 'completed', difficulty_rating: 4, satisfaction_rating: 5, notes: 'Said two things and it went fine.' });
      expect(row!.completed_at!.getTime()).toBe(new Date(START).getTime() + 3_600_000);
    });

    it('completing twice is refused and adds no points the second time', async () => {
      const d = deps();
      const user = await newUser(d);
      const first = await completeMission(d, user.id, { mission: 'Give a Compliment' });
      await expectUserError(completeMission(d, user.id, { mission: 'Give a Compliment', satisfaction: 3 }), 'invalid_transition', /already completed/);
      expect(await points(user.id)).toBe(first.totalPoints);
      expect((await rowOf(user.id, await missionId('Give a Compliment')))!.satisfaction_rating).toBeNull();
    });

    it('completes a mission that was never started, straight from the catalog', async () => {
      const d = deps();
      const user = await newUser(d);
      const result = await completeMission(d, user.id, { mission: await missionId('Start a Conversation') });
      expect(result.pointsEarned).toBe(10);
      const row = await rowOf(user.id, await missionId('Start a Conversation'));
      expect(row).toMatchObject({ status: 'completed', started_at: null });
      expect(row!.completed_at!.toISOString()).toBe(new Date(START).toISOString());
      expect(await points(user.id)).toBe(result.totalPoints);
    });

    it('a skipped mission has to be started again before it is completed', async () => {
      const d = deps();
      const user = await newUser(d);
      await skipMission(d, user.id, { mission: 'Give a Compliment' });
      await expectUserError(completeMission(d, user.id, { mission: 'Give a Compliment' }), 'invalid_transition', /Start it again/);
      expect(await points(user.id)).toBe(0);
    });

    it('complete checks ratings and notes before touching the database', async () => {
      const d = deps();
      const user = await newUser(d);
      await expectUserError(completeMission(d, user.id, { mission: 'Give a Compliment', difficulty: 0 }), 'invalid_input', /^difficulty: .*1 to 5/);
      await expectUserError(completeMission(d, user.id, { mission: 'Give a Compliment', satisfaction: 6 }), 'invalid_input', /^satisfaction: /);
      await expectUserError(completeMission(d, user.id, { mission: 'Give a Compliment', difficulty: 2.5 }), 'invalid_input', /^difficulty: /);
      await expectUserError(
        completeMission(d, user.id, { mission: 'Give a Compliment', notes: 'x'.repeat(2001) }),
        'invalid_input',
        /^notes: write at most 2,000 characters/,
      );
      await expectUserError(completeMission(d, user.id, { mission: '' }), 'invalid_input', /^mission: /);
      await expectUserError(completeMission(d, user.id, { mission: 'a mission that does not exist' }), 'not_found');
      expect(await rowOf(user.id, await missionId('Give a Compliment'))).toBeUndefined();
      await completeMission(d, user.id, { mission: 'Give a Compliment', notes: 'y'.repeat(2000) });
    });

    it("records the completion on the day's progress row in the person's time zone", async () => {
      const d = coreDeps(t.db, '2026-03-02T20:00:00Z');
      const user = await newUser(d);
      await updateSettings(d, user.id, { timezone: 'Asia/Tokyo' });
      const result = await completeMission(d, user.id, { mission: 'Give a Compliment' });
      const rewards = result.newAchievements.reduce((sum, a) => sum + a.pointsReward, 0);
      const rows = await sql<{ day: string; missions_completed: number; points_earned: number; activities_completed: number }>(
        t.db,
        "SELECT to_char(tracking_date, 'YYYY-MM-DD') AS day, missions_completed, points_earned, activities_completed FROM progress_tracking WHERE user_id = $1",
        [user.id],
      );
      expect(rows).toEqual([{ day: '2026-03-03', missions_completed: 1, points_earned: 15 + rewards, activities_completed: 1 }]);
    });

    it('returns the first-mission achievement once', async () => {
      const d = deps();
      const user = await newUser(d);
      const first = await completeMission(d, user.id, { mission: 'Give a Compliment' });
      expect(first.newAchievements.map((a) => a.title)).toContain('Brave Beginning');
      expect(first.totalPoints).toBe(15 + 50);
      const second = await completeMission(d, user.id, { mission: 'Start a Conversation' });
      expect(second.newAchievements.map((a) => a.title)).not.toContain('Brave Beginning');
      expect(second.totalPoints).toBe(15 + 50 + 10);
      const awarded = await sql(
        t.db,
        "SELECT 1 FROM user_achievements ua JOIN achievements a ON a.id = ua.achievement_id WHERE ua.user_id = $1 AND a.title = 'Brave Beginning'",
        [user.id],
      );
      expect(awarded).toHaveLength(1);
    });

    it.each([
      ['not on the list yet', false],
      ['in progress', true],
    ])('two completions at once of a mission %s: exactly one succeeds and points are added once', async (_label, started) => {
      const d = deps();
      const user = await newUser(d);
      if (started) await startMission(d, user.id, { mission: 'Join a Group Discussion' });
      const results = await Promise.allSettled([
        completeMission(d, user.id, { mission: 'Join a Group Discussion' }),
        completeMission(d, user.id, { mission: 'Join a Group Discussion', satisfaction: 2 }),
      ]);
      const fulfilled = results.filter((r) => r.status === 'fulfilled');
      const rejected = results.filter((r) => r.status === 'rejected');
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(UserError);
      expect(((rejected[0] as PromiseRejectedResult).reason as UserError).code).toBe('invalid_transition');
      const won = (fulfilled[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof completeMission>>>).value;
      const rewards = won.newAchievements.reduce((sum, a) => sum + a.pointsReward, 0);
      expect(await points(user.id)).toBe(25 + rewards);
      const [progress] = await sql<{ missions_completed: number }>(t.db, 'SELECT missions_completed FROM progress_tracking WHERE user_id = $1', [user.id]);
      expect(progress!.missions_completed).toBe(1);
      expect(await sql(t.db, 'SELECT 1 FROM user_missions WHERE user_id = $1', [user.id])).toHaveLength(1);
    });

    it('skip sets aside an assigned or in-progress mission and keeps the notes', async () => {
      const d = deps();
      const user = await newUser(d);
      await sql(t.db, 'INSERT INTO user_missions (user_id, mission_id) VALUES ($1, $2)', [user.id, await missionId('Give a Compliment')]);
      await startMission(d, user.id, { mission: 'Start a Conversation' });
      expect(await skipMission(d, user.id, { mission: 'Give a Compliment', notes: 'Not today' })).toMatchObject({ status: 'skipped' });
      await skipMission(d, user.id, { mission: 'Start a Conversation' });
      expect(await rowOf(user.id, await missionId('Give a Compliment'))).toMatchObject({ status: 'skipped', notes: 'Not today' });
      expect(await rowOf(user.id, await missionId('Start a Conversation'))).toMatchObject({ status: 'skipped' });
      await expectUserError(skipMission(d, user.id, { mission: 'Give a Compliment' }), 'invalid_transition', /already set aside/);
      await expectUserError(skipMission(d, user.id, { mission: 'Give a Compliment', notes: 'n'.repeat(2001) }), 'invalid_input', /^notes: /);
      expect(await points(user.id)).toBe(0);
    });

    it('skipping a completed mission is refused', async () => {
      const d = deps();
      const user = await newUser(d);
      await completeMission(d, user.id, { mission: 'Give a Compliment' });
      await expectUserError(skipMission(d, user.id, { mission: 'Give a Compliment' }), 'invalid_transition', /already completed/);
      expect(await rowOf(user.id, await missionId('Give a Compliment'))).toMatchObject({ status: 'completed' });
    });

    it('skipping a mission that is not on the list records it as skipped', async () => {
      const d = deps();
      const user = await newUser(d);
      await skipMission(d, user.id, { mission: 'Host a Small Get-Together' });
      expect(await rowOf(user.id, await missionId('Host a Small Get-Together'))).toMatchObject({ status: 'skipped', started_at: null, completed_at: null });
    });
  });

  describe("a person's missions", () => {
    it('lists in-progress and assigned missions first, then finished ones, with details', async () => {
      const d = deps();
      const user = await newUser(d);
      await completeMission(d, user.id, { mission: 'Give a Compliment' });
      d.clock.advance(60_000);
      await skipMission(d, user.id, { mission: 'Host a Small Get-Together' });
      d.clock.advance(60_000);
      await sql(t.db, 'INSERT INTO user_missions (user_id, mission_id) VALUES ($1, $2)', [user.id, await missionId('Start a Conversation')]);
      await startMission(d, user.id, { mission: 'Join a Group Discussion' });
      const mine = await listMyMissions(d, user.id);
      expect(mine.map((m) => [m.mission.title, m.status])).toEqual([
        ['Join a Group Discussion', 'in_progress'],
        ['Start a Conversation', 'assigned'],
        ['Host a Small Get-Together', 'skipped'],
        ['Give a Compliment', 'completed'],
      ]);
      expect(mine[3]!.mission).toMatchObject({ category: 'social_skills', difficulty: 'beginner', points: 15 });
      expect(mine[3]!.completedAt!.toISOString()).toBe(new Date(START).toISOString());
      const completed = await listMyMissions(d, user.id, { status: 'completed' });
      expect(completed.map((m) => m.mission.title)).toEqual(['Give a Compliment']);
      await expectUserError(listMyMissions(d, user.id, { status: 'done' as never }), 'invalid_input', /^status: .*assigned, in_progress, completed or skipped/);
    });

    it("keeps another person's missions and points separate", async () => {
      const d = deps();
      const [ana, ben] = [await newUser(d), await newUser(d)];
      const anaResult = await completeMission(d, ana.id, { mission: 'Give a Compliment' });
      expect(await listMyMissions(d, ben.id)).toEqual([]);
      expect((await findMission(d, ben.id, 'Give a Compliment')).status).toBeNull();
      await startMission(d, ben.id, { mission: 'Give a Compliment' });
      const benResult = await completeMission(d, ben.id, { mission: 'Give a Compliment' });
      expect(benResult.pointsEarned).toBe(15);
      expect(await points(ana.id)).toBe(anaResult.totalPoints);
      expect(await points(ben.id)).toBe(benResult.totalPoints);
      expect((await listMyMissions(d, ana.id)).map((m) => m.status)).toEqual(['completed']);
    });
  });

  describe('suggestions', () => {
    it('suggests only beginner missions while confidence is below 4, varying from day to day', async () => {
      const d = deps();
      const user = await newUser(d);
      await markCompleted(user.id, (await activeMissions()).filter((m) => m.category === 'self_compassion').slice(0, 3).map((m) => m.id));
      const suggestions = await suggestionsOverDays(d, user.id, 7);
      for (const s of suggestions) {
        expect(s.mission!.difficulty).toBe('beginner');
        expect(s.reason).toMatch(/^A gentle beginner step.*\.$/);
      }
      expect(new Set(suggestions.map((s) => s.mission!.id)).size).toBeGreaterThan(1);
      // Same person, same day: the same suggestion.
      d.clock.advance(-DAY);
      expect((await suggestMission(d, user.id)).mission!.id).toBe(suggestions[6]!.mission!.id);
    });

    it.each([
      [4, ['beginner', 'intermediate']],
      [6.9, ['beginner', 'intermediate']],
      [7, ['intermediate', 'advanced']],
      [9.5, ['intermediate', 'advanced']],
    ])('at confidence %s suggests %j missions', async (confidence, allowed) => {
      const d = deps();
      const user = await newUser(d);
      await setConfidence(user.id, confidence);
      await markCompleted(user.id, (await activeMissions()).filter((m) => m.category === 'self_compassion').slice(0, 3).map((m) => m.id));
      const suggestions = await suggestionsOverDays(d, user.id, 7);
      for (const s of suggestions) expect(allowed).toContain(s.mission!.difficulty);
    });

    it('prefers beginner missions while the person has completed fewer than 3', async () => {
      const d = deps();
      const user = await newUser(d);
      await setConfidence(user.id, 8);
      const first = await suggestMission(d, user.id);
      expect(first.mission!.difficulty).toBe('beginner');
      expect(first.reason).toMatch(/get you started/);
      await completeMission(d, user.id, { mission: 'Give a Compliment' });
      await completeMission(d, user.id, { mission: 'Start a Conversation' });
      for (const s of await suggestionsOverDays(d, user.id, 3)) expect(s.mission!.difficulty).toBe('beginner');
      await completeMission(d, user.id, { mission: 'Write Yourself a Kind Note' });
      for (const s of await suggestionsOverDays(d, user.id, 3)) expect(['intermediate', 'advanced']).toContain(s.mission!.difficulty);
    });

    it('offers only beginner missions in a category whose comfort is 1 or 2', async () => {
      const d = deps();
      const user = await newUser(d);
      await setConfidence(user.id, 8);
      await markCompleted(user.id, (await activeMissions()).filter((m) => m.category === 'self_compassion').slice(0, 3).map((m) => m.id));
      const comfort: Record<string, number> = {};
      for (const c of await missionCategories(d)) comfort[c] = c === 'networking' ? 5 : 1;
      comfort.group_social = 2;
      const profile = await t.db.prisma.userProfile.create({ data: { userId: user.id, comfortLevels: comfort } });
      for (const s of await suggestionsOverDays(d, user.id, 5)) {
        expect(s.mission!.category).toBe('networking');
        expect(s.mission!.difficulty).not.toBe('beginner');
      }
      // Once networking feels hard too, nothing fits both rules and the gentle steps remain.
      await t.db.prisma.userProfile.update({ where: { id: profile.id }, data: { comfortLevels: { ...comfort, networking: 2 } } });
      for (const s of await suggestionsOverDays(d, user.id, 5)) expect(s.mission!.difficulty).toBe('beginner');
    });

    it('never suggests a completed, started or recently skipped mission; a skipped one returns after 14 days', async () => {
      const d = deps();
      const user = await newUser(d);
      const all = await activeMissions();
      const [started, skipped, last] = ['Ask the Group a Question', 'Host a Small Get-Together', 'Share Something You Love'];
      await markCompleted(user.id, all.filter((m) => ![started, skipped, last].includes(m.title)).map((m) => m.id));
      await startMission(d, user.id, { mission: started! });
      await skipMission(d, user.id, { mission: skipped! });
      const only = await suggestMission(d, user.id);
      expect(only.mission!.title).toBe(last);
      await completeMission(d, user.id, { mission: last! });
      const none = await suggestMission(d, user.id);
      expect(none.mission).toBeNull();
      expect(none.reason).toMatch(/already on your list/);
      await completeMission(d, user.id, { mission: started! });
      expect(await suggestMission(d, user.id)).toEqual({ mission: null, reason: expect.stringMatching(/set aside.*come back after 14 days/) });
      d.clock.advance(13 * DAY);
      expect((await suggestMission(d, user.id)).mission).toBeNull();
      d.clock.advance(2 * DAY);
      expect((await suggestMission(d, user.id)).mission!.title).toBe(skipped);
    });

    it('says kindly when every mission is done', async () => {
      const d = deps();
      const user = await newUser(d);
      await markCompleted(user.id, (await activeMissions()).map((m) => m.id));
      const result = await suggestMission(d, user.id);
      expect(result.mission).toBeNull();
      expect(result.reason).toMatch(/You've completed every mission/);
    });

    it('prefers a category different from the last two completed or skipped missions and says why', async () => {
      const d = deps();
      const user = await newUser(d);
      await completeMission(d, user.id, { mission: 'Start a Conversation' });
      d.clock.advance(60_000);
      await completeMission(d, user.id, { mission: 'Send a Hello to Someone You Miss' });
      for (const s of await suggestionsOverDays(d, user.id, 7)) {
        expect(s.mission!.category).not.toBe('conversation');
        expect(s.reason).toBe('A gentle beginner step to get you started, since your last two were conversation missions.');
      }
      await skipMission(d, user.id, { mission: 'Find One Event That Interests You' });
      for (const s of await suggestionsOverDays(d, user.id, 7)) {
        expect(['conversation', 'events']).not.toContain(s.mission!.category);
        expect(s.reason).toMatch(/for a change from events and conversation\.$/);
      }
    });

    it('answers not_found for someone who has no profile', async () => {
      await expectUserError(suggestMission(deps(), '00000000-0000-4000-8000-000000000000'), 'not_found');
    });
  });
});
