import { describe, expect, it } from 'vitest';
import { evaluateAchievements, listAchievements } from '../src/core/achievements.ts';
import { inTransaction } from '../src/core/deps.ts';
import { checkIn } from '../src/core/progress.ts';
import { coreDeps, newUser } from './helpers/core.ts';
import { DB_KINDS, sql, useDatabase } from './helpers/databases.ts';

describe.each(DB_KINDS)('achievements engine on %s', (kind) => {
  const t = useDatabase(kind);

  const points = async (userId: string) =>
    (await sql<{ total_points: number }>(t.db, 'SELECT total_points FROM users WHERE id = $1', [userId]))[0]!.total_points;
  const evaluate = (deps: ReturnType<typeof coreDeps>, userId: string) =>
    inTransaction(deps, async (tx) => (await evaluateAchievements(tx, userId, '2026-11-24', deps.clock.now())).newAchievements);

  it('awards a met achievement once and adds its reward to total points once', async () => {
    const deps = coreDeps(t.db, '2026-11-24T10:00:00Z');
    const user = await newUser(deps);
    expect(await evaluate(deps, user.id)).toEqual([]);
    await sql(t.db, "INSERT INTO journal_entries (user_id, content, mood) VALUES ($1, 'first words', 'calm')", [user.id]);
    const earned = await evaluate(deps, user.id);
    expect(earned.map((a) => a.title)).toEqual(['First Steps']);
    expect(earned[0]).toMatchObject({ icon: '📝', pointsReward: 50 });
    expect(await points(user.id)).toBe(50);
    expect(await evaluate(deps, user.id)).toEqual([]);
    expect(await points(user.id)).toBe(50);
    const [progressRow] = await sql<{ points_earned: number }>(
      t.db,
      "SELECT points_earned FROM progress_tracking WHERE user_id = $1 AND tracking_date = '2026-11-24'",
      [user.id],
    );
    expect(progressRow!.points_earned).toBe(50);
  });

  it('awards once when several activities finish at the same moment', async () => {
    const deps = coreDeps(t.db);
    const user = await newUser(deps);
    await sql(t.db, "INSERT INTO mood_tracking (user_id, mood, intensity) VALUES ($1, 'calm', 5)", [user.id]);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => evaluate(deps, user.id)));
    const awarded = results.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
    expect(awarded.filter((a) => a.title === 'Checking In')).toHaveLength(1);
    const rows = await sql(t.db, 'SELECT 1 FROM user_achievements WHERE user_id = $1', [user.id]);
    expect(rows).toHaveLength(1);
  });

  it('counts missions per category for category achievements', async () => {
    const deps = coreDeps(t.db);
    const user = await newUser(deps);
    const missions = await sql<{ id: string }>(t.db, "SELECT id FROM missions WHERE category = 'assertiveness' AND is_active LIMIT 4");
    for (const m of missions) {
      await sql(t.db, "INSERT INTO user_missions (user_id, mission_id, status, completed_at) VALUES ($1, $2, 'completed', now())", [user.id, m.id]);
    }
    const titles = (await evaluate(deps, user.id)).map((a) => a.title);
    const statuses = await listAchievements(deps, user.id);
    const assertive = statuses.find((s) => s.title === 'Gentle Strength')!;
    expect(titles).toContain('Gentle Strength');
    expect(assertive.earnedAt).not.toBeNull();
    expect(assertive.progress).toBe(assertive.maxProgress);
  });

  it('shows progress towards unearned achievements without writing rows for them', async () => {
    const deps = coreDeps(t.db);
    const user = await newUser(deps);
    await sql(t.db, "INSERT INTO journal_entries (user_id, content, mood) VALUES ($1, 'one', 'calm'), ($1, 'two', 'calm')", [user.id]);
    const statuses = await listAchievements(deps, user.id);
    const storyKeeper = statuses.find((s) => s.title === 'Story Keeper')!;
    expect(storyKeeper).toMatchObject({ earnedAt: null, progress: 2, maxProgress: 30 });
    expect(await sql(t.db, 'SELECT 1 FROM user_achievements WHERE user_id = $1', [user.id])).toEqual([]);
  });

  it('never awards an achievement whose requirements it cannot read', async () => {
    const deps = coreDeps(t.db);
    const user = await newUser(deps);
    await sql(
      t.db,
      `INSERT INTO achievements (title, description, icon, requirements, points_reward) VALUES ('Mystery', 'From another version', '❓', '{"karma": 1}', 999)`,
    );
    expect((await evaluate(deps, user.id)).map((a) => a.title)).not.toContain('Mystery');
  });

  it('check-in sets the confidence level and the day\'s progress row', async () => {
    const deps = coreDeps(t.db, '2026-11-24T23:30:00Z');
    const user = await newUser(deps, { timezone: 'Pacific/Auckland' });
    const result = await checkIn(deps, user.id, { confidence: 6.5 });
    expect(result).toMatchObject({ confidenceLevel: 6.5, previous: 3 });
    const [row] = await sql<{ confidence_level: string }>(t.db, 'SELECT confidence_level FROM users WHERE id = $1', [user.id]);
    expect(Number(row!.confidence_level)).toBe(6.5);
    // 23:30 UTC on the 24th is the 25th in Auckland.
    const [day] = await sql<{ tracking_date: string; confidence_level: string; activities_completed: number }>(
      t.db,
      'SELECT tracking_date::text, confidence_level, activities_completed FROM progress_tracking WHERE user_id = $1',
      [user.id],
    );
    expect(day).toMatchObject({ tracking_date: '2026-11-25', activities_completed: 1 });
    expect(Number(day!.confidence_level)).toBe(6.5);
    await expect(checkIn(deps, user.id, { confidence: 11 })).rejects.toMatchObject({ code: 'invalid_input', message: 'confidence: must be from 1 to 10' });
    await expect(checkIn(deps, user.id, { confidence: 'lots' })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
