import { describe, expect, it } from 'vitest';
import { UserError } from '../src/core/errors.ts';
import {
  GOAL_STATUSES,
  MAX_ACTIVE_GOALS,
  addGoal,
  assertGoalTransition,
  cancelGoal,
  completeGoal,
  findGoal,
  goalStatus,
  listGoals,
  pauseGoal,
  reactivateGoal,
  searchGoals,
  updateGoalProgress,
  type GoalStatus,
} from '../src/core/goals.ts';
import { coreDeps, newUser } from './helpers/core.ts';
import { DB_KINDS, sql, useDatabase } from './helpers/databases.ts';

const ALLOWED: ReadonlyArray<readonly [GoalStatus, GoalStatus]> = [
  ['active', 'completed'],
  ['active', 'paused'],
  ['active', 'cancelled'],
  ['paused', 'active'],
  ['paused', 'cancelled'],
  ['cancelled', 'active'],
];
const ALL_PAIRS = GOAL_STATUSES.flatMap((from) => GOAL_STATUSES.map((to) => [from, to] as const));
const REFUSED = ALL_PAIRS.filter(([from, to]) => !ALLOWED.some(([f, t]) => f === from && t === to));

describe('goal transitions (pure)', () => {
  it('covers all 16 pairs of statuses', () => {
    expect(ALLOWED.length + REFUSED.length).toBe(16);
  });

  it.each(ALLOWED)('allows %s → %s', (from, to) => {
    expect(() => assertGoalTransition(from, to, 'Say hi')).not.toThrow();
  });

  it.each(REFUSED)('refuses %s → %s with invalid_transition and a kind message', (from, to) => {
    let error: unknown;
    try {
      assertGoalTransition(from, to, 'Say hi');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({ code: 'invalid_transition' });
    expect((error as Error).message).toContain('“Say hi”');
  });

  it('says how to go on from a paused or cancelled goal and that a completed goal stays completed', () => {
    expect(() => assertGoalTransition('paused', 'completed')).toThrow(/Reactivate it first/);
    expect(() => assertGoalTransition('cancelled', 'paused')).toThrow(/Reactivate it/);
    expect(() => assertGoalTransition('completed', 'active')).toThrow(/stays completed/);
  });
});

describe.each(DB_KINDS)('goals on %s', (kind) => {
  const t = useDatabase(kind);

  const NOW = '2026-03-10T12:00:00Z';
  const deps = () => coreDeps(t.db, NOW);

  const goalRow = async (id: string) =>
    (
      await sql<{ status: string; current_value: number; target_value: number; updated_at: Date; target_date: string | null }>(
        t.db,
        'SELECT status, current_value, target_value, updated_at, target_date::text AS target_date FROM social_goals WHERE id = $1',
        [id],
      )
    )[0]!;
  const points = async (userId: string) =>
    (await sql<{ total_points: number }>(t.db, 'SELECT total_points FROM users WHERE id = $1', [userId]))[0]!.total_points;
  const goalAchievements = async (userId: string) =>
    sql<{ title: string }>(
      t.db,
      "SELECT a.title FROM user_achievements ua JOIN achievements a ON a.id = ua.achievement_id WHERE ua.user_id = $1 AND a.category = 'goals'",
      [userId],
    );

  describe('adding', () => {
    it('creates an active goal with target 1 by default and the clock as its timestamps', async () => {
      const d = deps();
      const user = await newUser(d);
      const goal = await addGoal(d, user.id, { title: '  Say hi to a neighbour  ', category: 'Social Skills' });
      expect(goal).toMatchObject({
        title: 'Say hi to a neighbour',
        category: 'social_skills',
        description: null,
        target: 1,
        current: 0,
        progressPercent: 0,
        status: 'active',
        targetDate: null,
        daysLeft: null,
        overdue: false,
      });
      const row = await goalRow(goal.id);
      expect(row).toMatchObject({ status: 'active', current_value: 0, target_value: 1 });
      expect(new Date(row.updated_at).toISOString()).toBe('2026-03-10T12:00:00.000Z');
    });

    it('refuses an empty title, a title over 200 characters and an over-long description', async () => {
      const d = deps();
      const user = await newUser(d);
      await expect(addGoal(d, user.id, { title: '   ' })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/^title: /) });
      await expect(addGoal(d, user.id, { title: 'x'.repeat(201) })).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringContaining('at most 200 characters'),
      });
      await expect(addGoal(d, user.id, { title: 'Ok', description: 'x'.repeat(2001) })).rejects.toMatchObject({
        code: 'invalid_input',
        message: 'description: write at most 2,000 characters',
      });
      await expect(addGoal(d, user.id, { title: 'Ok', category: 'not/a slug' })).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringMatching(/^category: /),
      });
      expect(await sql(t.db, 'SELECT 1 FROM social_goals WHERE user_id = $1', [user.id])).toEqual([]);
    });

    it('refuses a target of 0, above 10,000 or not a whole number', async () => {
      const d = deps();
      const user = await newUser(d);
      for (const target of [0, 10_001, 2.5, -3]) {
        await expect(addGoal(d, user.id, { title: 'Ask a question in class', target })).rejects.toMatchObject({
          code: 'invalid_input',
          message: 'target: must be a whole number from 1 to 10,000',
        });
      }
      expect((await addGoal(d, user.id, { title: 'Ask a question in class', target: 10_000 })).target).toBe(10_000);
    });

    it("refuses a target date that has passed in the person's time zone and accepts their today", async () => {
      // 03:00 UTC on 10 March is still 9 March in Los Angeles.
      const d = coreDeps(t.db, '2026-03-10T03:00:00Z');
      const la = await newUser(d, { timezone: 'America/Los_Angeles' });
      const utc = await newUser(d, { timezone: 'UTC' });
      const ok = await addGoal(d, la.id, { title: 'Join a club', targetDate: '2026-03-09' });
      expect(ok).toMatchObject({ targetDate: '2026-03-09', daysLeft: 0, overdue: false });
      expect((await goalRow(ok.id)).target_date).toBe('2026-03-09');
      await expect(addGoal(d, la.id, { title: 'Join a club', targetDate: '2026-03-08' })).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringMatching(/^targetDate: 2026-03-08 has already passed where you are/),
      });
      await expect(addGoal(d, utc.id, { title: 'Join a club', targetDate: '2026-03-09' })).rejects.toMatchObject({ code: 'invalid_input' });
    });

    it('refuses a target date that is not a calendar day', async () => {
      const d = deps();
      const user = await newUser(d);
      for (const targetDate of ['2026-02-30', '31/12/2026', 'next week']) {
        await expect(addGoal(d, user.id, { title: 'Host a dinner', targetDate })).rejects.toMatchObject({
          code: 'invalid_input',
          message: expect.stringMatching(/^targetDate: .*2026-12-31/),
        });
      }
    });

    it('allows at most 20 active goals; paused ones do not count, but reactivating one must fit', async () => {
      const d = deps();
      const user = await newUser(d);
      const goals = [];
      for (let i = 1; i <= MAX_ACTIVE_GOALS; i++) goals.push(await addGoal(d, user.id, { title: `Goal number ${i}` }));
      await expect(addGoal(d, user.id, { title: 'One too many' })).rejects.toMatchObject({
        code: 'limit_reached',
        message: expect.stringContaining('20 active goals'),
      });
      await pauseGoal(d, user.id, { goal: goals[0]!.id });
      const extra = await addGoal(d, user.id, { title: 'Now there is room' });
      expect(extra.status).toBe('active');
      await expect(reactivateGoal(d, user.id, { goal: goals[0]!.id })).rejects.toMatchObject({ code: 'limit_reached' });
      expect((await goalRow(goals[0]!.id)).status).toBe('paused');
      const [count] = await sql<{ n: number }>(t.db, "SELECT count(*)::int AS n FROM social_goals WHERE user_id = $1 AND status = 'active'", [user.id]);
      expect(count!.n).toBe(MAX_ACTIVE_GOALS);
    });

    it('keeps the limit when many goals are added at once', async () => {
      const d = deps();
      const user = await newUser(d);
      for (let i = 1; i <= MAX_ACTIVE_GOALS - 2; i++) await addGoal(d, user.id, { title: `Goal ${i}` });
      const results = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => addGoal(d, user.id, { title: `Racing ${i}` })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'limit_reached' });
      const [count] = await sql<{ n: number }>(t.db, "SELECT count(*)::int AS n FROM social_goals WHERE user_id = $1 AND status = 'active'", [user.id]);
      expect(count!.n).toBe(MAX_ACTIVE_GOALS);
    });
  });

  describe('progress', () => {
    it('moves progress by one by default, sets a value, and completes the goal with its achievement once', async () => {
      const d = deps();
      const user = await newUser(d);
      const goal = await addGoal(d, user.id, { title: 'Start three conversations', target: 3 });

      d.clock.advance(60_000);
      const first = await updateGoalProgress(d, user.id, { goal: goal.id });
      expect(first).toMatchObject({ justCompleted: false, newAchievements: [] });
      expect(first.goal).toMatchObject({ current: 1, progressPercent: 33, status: 'active' });
      expect(new Date((await goalRow(goal.id)).updated_at).toISOString()).toBe('2026-03-10T12:01:00.000Z');

      const second = await updateGoalProgress(d, user.id, { goal: goal.id, value: 2 });
      expect(second.goal).toMatchObject({ current: 2, progressPercent: 66 });
      expect(await sql(t.db, 'SELECT 1 FROM progress_tracking WHERE user_id = $1', [user.id])).toEqual([]);

      const third = await updateGoalProgress(d, user.id, { goal: goal.id, increment: 1 });
      expect(third.justCompleted).toBe(true);
      expect(third.goal).toMatchObject({ current: 3, progressPercent: 100, status: 'completed' });
      expect(third.newAchievements.map((a) => a.title)).toEqual(['Goal Reached']);
      expect(await goalRow(goal.id)).toMatchObject({ status: 'completed', current_value: 3 });
      expect(await points(user.id)).toBe(75);
      const [day] = await sql<{ tracking_date: string; activities_completed: number; points_earned: number }>(
        t.db,
        'SELECT tracking_date::text, activities_completed, points_earned FROM progress_tracking WHERE user_id = $1',
        [user.id],
      );
      expect(day).toEqual({ tracking_date: '2026-03-10', activities_completed: 1, points_earned: 75 });

      // A second completed goal is a new count, never the same achievement again.
      const next = await addGoal(d, user.id, { title: 'Say yes to an invitation' });
      const done = await updateGoalProgress(d, user.id, { goal: next.id });
      expect(done.justCompleted).toBe(true);
      expect(done.newAchievements).toEqual([]);
      expect(await points(user.id)).toBe(75);
      expect(await goalAchievements(user.id)).toEqual([{ title: 'Goal Reached' }]);
    });

    it("records the completion on the person's local day", async () => {
      // 23:30 UTC on 10 March is already 11 March in Auckland.
      const d = coreDeps(t.db, '2026-03-10T23:30:00Z');
      const user = await newUser(d, { timezone: 'Pacific/Auckland' });
      const goal = await addGoal(d, user.id, { title: 'Go to a meetup' });
      await updateGoalProgress(d, user.id, { goal: goal.id });
      const days = await sql<{ tracking_date: string }>(t.db, 'SELECT tracking_date::text FROM progress_tracking WHERE user_id = $1', [user.id]);
      expect(days).toEqual([{ tracking_date: '2026-03-11' }]);
    });

    it('refuses values out of range, both value and increment, and going below 0', async () => {
      const d = deps();
      const user = await newUser(d);
      const goal = await addGoal(d, user.id, { title: 'Compliment five people', target: 5 });
      await expect(updateGoalProgress(d, user.id, { goal: goal.id, value: 51 })).rejects.toMatchObject({
        code: 'invalid_input',
        message: 'value: use a whole number from 0 to 50 for this goal',
      });
      await expect(updateGoalProgress(d, user.id, { goal: goal.id, value: -1 })).rejects.toMatchObject({ code: 'invalid_input' });
      await expect(updateGoalProgress(d, user.id, { goal: goal.id, value: 2, increment: 1 })).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringMatching(/^value: .*not both/),
      });
      await expect(updateGoalProgress(d, user.id, { goal: goal.id, increment: -1 })).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringMatching(/^increment: .*below 0/),
      });
      await expect(updateGoalProgress(d, user.id, { goal: goal.id, increment: 0 })).rejects.toMatchObject({ code: 'invalid_input' });
      expect((await goalRow(goal.id)).current_value).toBe(0);
      const down = await updateGoalProgress(d, user.id, { goal: goal.id, value: 3 });
      expect((await updateGoalProgress(d, user.id, { goal: down.goal.id, increment: -2 })).goal.current).toBe(1);
    });

    it('refuses progress on paused, cancelled and completed goals and says how to resume', async () => {
      const d = deps();
      const user = await newUser(d);
      const paused = await addGoal(d, user.id, { title: 'Call an old friend', target: 2 });
      await pauseGoal(d, user.id, { goal: paused.id });
      await expect(updateGoalProgress(d, user.id, { goal: paused.id })).rejects.toMatchObject({
        code: 'invalid_transition',
        message: expect.stringContaining('Reactivate it'),
      });
      expect((await goalRow(paused.id)).current_value).toBe(0);

      const cancelled = await addGoal(d, user.id, { title: 'Try karaoke' });
      await cancelGoal(d, user.id, { goal: cancelled.id });
      await expect(updateGoalProgress(d, user.id, { goal: cancelled.id })).rejects.toMatchObject({
        code: 'invalid_transition',
        message: expect.stringContaining('Reactivate it'),
      });

      const completed = await addGoal(d, user.id, { title: 'Give a toast' });
      await completeGoal(d, user.id, { goal: completed.id });
      await expect(updateGoalProgress(d, user.id, { goal: completed.id })).rejects.toMatchObject({ code: 'invalid_transition' });

      await reactivateGoal(d, user.id, { goal: paused.id });
      expect((await updateGoalProgress(d, user.id, { goal: paused.id })).goal.current).toBe(1);
    });
  });

  describe('transitions', () => {
    it('completeGoal marks it reached, records the activity and awards the goal achievement once', async () => {
      const d = deps();
      const user = await newUser(d);
      const goal = await addGoal(d, user.id, { title: 'Speak up in a meeting', target: 4 });
      d.clock.advance(3_600_000);
      const { goal: done, newAchievements } = await completeGoal(d, user.id, { goal: 'speak up in a meeting' });
      expect(done).toMatchObject({ id: goal.id, status: 'completed', current: 4, progressPercent: 100 });
      expect(newAchievements.map((a) => a.title)).toEqual(['Goal Reached']);
      expect(new Date((await goalRow(goal.id)).updated_at).toISOString()).toBe('2026-03-10T13:00:00.000Z');
      const [day] = await sql<{ activities_completed: number }>(t.db, 'SELECT activities_completed FROM progress_tracking WHERE user_id = $1', [
        user.id,
      ]);
      expect(day!.activities_completed).toBe(1);

      await expect(completeGoal(d, user.id, { goal: goal.id })).rejects.toMatchObject({ code: 'invalid_transition' });
      await expect(reactivateGoal(d, user.id, { goal: goal.id })).rejects.toMatchObject({ code: 'invalid_transition' });
      const other = await addGoal(d, user.id, { title: 'Ask for help' });
      expect((await completeGoal(d, user.id, { goal: other.id })).newAchievements).toEqual([]);
      expect(await points(user.id)).toBe(75);
      expect(await goalAchievements(user.id)).toEqual([{ title: 'Goal Reached' }]);
    });

    it('completes a goal once when two completions race', async () => {
      const d = deps();
      const user = await newUser(d);
      const goal = await addGoal(d, user.id, { title: 'Introduce myself' });
      const results = await Promise.allSettled([completeGoal(d, user.id, { goal: goal.id }), completeGoal(d, user.id, { goal: goal.id })]);
      const fulfilled = results.filter((r) => r.status === 'fulfilled');
      expect(fulfilled).toHaveLength(1);
      expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'invalid_transition' } });
      expect(await points(user.id)).toBe(75);
      const [day] = await sql<{ activities_completed: number }>(t.db, 'SELECT activities_completed FROM progress_tracking WHERE user_id = $1', [
        user.id,
      ]);
      expect(day!.activities_completed).toBe(1);
    });

    it('pauses, resumes, cancels and revives a goal, stamping updated_at each time', async () => {
      const d = deps();
      const user = await newUser(d);
      const goal = await addGoal(d, user.id, { title: 'Dance class' });
      const stamps: string[] = [];
      for (const step of [pauseGoal, reactivateGoal, pauseGoal, cancelGoal, reactivateGoal, cancelGoal]) {
        d.clock.advance(1_000);
        const changed = await step(d, user.id, { goal: goal.id });
        stamps.push(`${changed.status}@${new Date((await goalRow(goal.id)).updated_at).toISOString()}`);
      }
      expect(stamps).toEqual([
        'paused@2026-03-10T12:00:01.000Z',
        'active@2026-03-10T12:00:02.000Z',
        'paused@2026-03-10T12:00:03.000Z',
        'cancelled@2026-03-10T12:00:04.000Z',
        'active@2026-03-10T12:00:05.000Z',
        'cancelled@2026-03-10T12:00:06.000Z',
      ]);
    });

    it('refuses transitions the goal cannot make and leaves it as it was', async () => {
      const d = deps();
      const user = await newUser(d);
      const goal = await addGoal(d, user.id, { title: 'Volunteer once' });
      await expect(reactivateGoal(d, user.id, { goal: goal.id })).rejects.toMatchObject({ code: 'invalid_transition' });
      await pauseGoal(d, user.id, { goal: goal.id });
      await expect(pauseGoal(d, user.id, { goal: goal.id })).rejects.toMatchObject({ code: 'invalid_transition' });
      await expect(completeGoal(d, user.id, { goal: goal.id })).rejects.toMatchObject({
        code: 'invalid_transition',
        message: expect.stringContaining('Reactivate it first'),
      });
      await cancelGoal(d, user.id, { goal: goal.id });
      await expect(pauseGoal(d, user.id, { goal: goal.id })).rejects.toMatchObject({ code: 'invalid_transition' });
      await expect(completeGoal(d, user.id, { goal: goal.id })).rejects.toMatchObject({ code: 'invalid_transition' });
      await expect(cancelGoal(d, user.id, { goal: goal.id })).rejects.toMatchObject({ code: 'invalid_transition' });
      expect((await goalRow(goal.id)).status).toBe('cancelled');
      expect(await sql(t.db, 'SELECT 1 FROM progress_tracking WHERE user_id = $1', [user.id])).toEqual([]);
    });
  });

  describe('ownership and lookup', () => {
    it("treats another person's goal as not found, by id and by title", async () => {
      const d = deps();
      const owner = await newUser(d);
      const stranger = await newUser(d);
      const goal = await addGoal(d, owner.id, { title: 'Sing at open mic' });
      const byId = { goal: goal.id };
      for (const attempt of [
        () => findGoal(d, stranger.id, goal.id),
        () => findGoal(d, stranger.id, 'Sing at open mic'),
        () => goalStatus(d, stranger.id, byId),
        () => updateGoalProgress(d, stranger.id, byId),
        () => completeGoal(d, stranger.id, byId),
        () => pauseGoal(d, stranger.id, byId),
        () => cancelGoal(d, stranger.id, byId),
        () => reactivateGoal(d, stranger.id, byId),
      ]) {
        await expect(attempt()).rejects.toMatchObject({ code: 'not_found' });
      }
      expect(await goalRow(goal.id)).toMatchObject({ status: 'active', current_value: 0 });
      expect(await listGoals(d, stranger.id)).toEqual([]);
      expect(await searchGoals(d, stranger.id, 'Sing', 10)).toEqual([]);
    });

    it('finds a goal by a unique title, in any case and by part of it, preferring an exact match', async () => {
      const d = deps();
      const user = await newUser(d);
      const run = await addGoal(d, user.id, { title: 'Run' });
      const meetup = await addGoal(d, user.id, { title: 'Run a meetup' });
      await addGoal(d, user.id, { title: '100% present at dinner' });
      expect((await findGoal(d, user.id, 'RUN')).id).toBe(run.id);
      expect((await findGoal(d, user.id, 'a MEETUP')).id).toBe(meetup.id);
      expect((await findGoal(d, user.id, '100%')).title).toBe('100% present at dinner');
      expect((await findGoal(d, user.id, meetup.id.toUpperCase())).id).toBe(meetup.id);
      await expect(findGoal(d, user.id, 'juggling')).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('juggling') });
      await expect(findGoal(d, user.id, '   ')).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/^goal: /) });
    });

    it('refuses an ambiguous title and lists up to three of the matches', async () => {
      const d = deps();
      const user = await newUser(d);
      for (const title of ['Say hi to Ana', 'Say hi to Ben', 'Say hi to Cy', 'Say hi to Dee']) await addGoal(d, user.id, { title });
      const error: unknown = await findGoal(d, user.id, 'say hi').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/^goal: more than one of your goals matches “say hi”/) });
      const message = (error as Error).message;
      expect(message.match(/“Say hi to \w+” \(active\)/g)).toHaveLength(3);
      expect(message).toContain('and 1 more');
      await expect(updateGoalProgress(d, user.id, { goal: 'say hi' })).rejects.toMatchObject({ code: 'invalid_input' });
    });

    it('searches titles for autocomplete, active goals first, within the limit', async () => {
      const d = deps();
      const user = await newUser(d);
      const old = await addGoal(d, user.id, { title: 'Book club visit' });
      await completeGoal(d, user.id, { goal: old.id });
      const active = await addGoal(d, user.id, { title: 'Join a book swap', target: 4 });
      await updateGoalProgress(d, user.id, { goal: active.id });
      await addGoal(d, user.id, { title: 'Go hiking' });
      const found = await searchGoals(d, user.id, 'BOOK', 10);
      expect(found).toEqual([
        { id: active.id, title: 'Join a book swap', status: 'active', progressPercent: 25 },
        { id: old.id, title: 'Book club visit', status: 'completed', progressPercent: 100 },
      ]);
      expect(await searchGoals(d, user.id, '', 2)).toHaveLength(2);
      expect(await searchGoals(d, user.id, '', 100)).toHaveLength(3);
    });
  });

  describe('listing and status', () => {
    it('lists active goals first with their progress, and filters by status', async () => {
      const d = deps();
      const user = await newUser(d);
      const done = await addGoal(d, user.id, { title: 'Done one' });
      await completeGoal(d, user.id, { goal: done.id });
      const paused = await addGoal(d, user.id, { title: 'Paused one' });
      await pauseGoal(d, user.id, { goal: paused.id });
      d.clock.advance(1_000);
      const half = await addGoal(d, user.id, { title: 'Half way', target: 2 });
      await updateGoalProgress(d, user.id, { goal: half.id });
      const list = await listGoals(d, user.id);
      expect(list.map((g) => [g.title, g.status, g.progressPercent])).toEqual([
        ['Half way', 'active', 50],
        ['Paused one', 'paused', 0],
        ['Done one', 'completed', 100],
      ]);
      expect((await listGoals(d, user.id, { status: 'paused' })).map((g) => g.id)).toEqual([paused.id]);
      await expect(listGoals(d, user.id, { status: 'finished' as never })).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringMatching(/^status: /),
      });
    });

    it("counts days left to the target date in the person's zone and flags an overdue goal", async () => {
      const d = coreDeps(t.db, '2026-03-10T03:00:00Z');
      const user = await newUser(d, { timezone: 'America/Los_Angeles' });
      const goal = await addGoal(d, user.id, { title: 'Attend a workshop', targetDate: '2026-03-12', target: 4 });
      expect(await goalStatus(d, user.id, { goal: goal.id })).toMatchObject({ daysLeft: 3, overdue: false, progressPercent: 0 });
      d.clock.set('2026-03-13T06:59:00Z'); // 23:59 on the 12th in Los Angeles
      expect(await goalStatus(d, user.id, { goal: 'workshop' })).toMatchObject({ daysLeft: 0, overdue: false });
      d.clock.set('2026-03-15T12:00:00Z');
      expect(await goalStatus(d, user.id, { goal: goal.id })).toMatchObject({ daysLeft: -3, overdue: true });
      await completeGoal(d, user.id, { goal: goal.id });
      expect(await goalStatus(d, user.id, { goal: goal.id })).toMatchObject({ daysLeft: -3, overdue: false, status: 'completed' });
    });
  });
});
