/**
 * The achievements engine: after an activity, every active achievement's
 * `requirements` (see achievement-requirements.ts) is checked against the
 * person's counters; one that is met is awarded once, its `points_reward` added
 * to `total_points` once, and returned so the reply can celebrate it.
 *
 * A `user_achievements` row is written only when an achievement is earned: the
 * seed's dashboard view counts those rows as earned achievements, so progress
 * towards the others is computed when it is shown instead of stored.
 */
import { parseRequirements, type Requirement } from './achievement-requirements.ts';
import type { CoreDeps, Tx } from './deps.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { progressUpsertSql, type ActivityDelta } from './progress-row.ts';
import { LATEST_RUN_JOIN } from './streak-freeze.ts';

export interface EarnedAchievement {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly icon: string;
  readonly pointsReward: number;
}

export interface AchievementStatus extends EarnedAchievement {
  readonly category: string | null;
  readonly earnedAt: Date | null;
  readonly progress: number;
  readonly maxProgress: number;
}

/** The person right after an activity, read in the same statement as the counters. */
export interface PersonAfterActivity {
  readonly streakDays: number;
  readonly longestStreak: number;
  /** Includes the reward of achievements this activity earned. */
  readonly totalPoints: number;
  /** The latest run of journaled days (for streak freezes). */
  readonly run: { readonly start: string; readonly length: number } | undefined;
}

interface Counters {
  journal_entries: number;
  streak_days: number;
  events_attended: number;
  missions_completed: number;
  mood_logs: number;
  goals_completed: number;
  coach_sessions: number;
  by_category: Record<string, number>;
}

type Queryable = Pick<Tx, '$queryRaw'>;

interface PersonRow {
  current_streak: number | null;
  total_points: number | null;
  run_start: string | null;
  run_length: number | null;
}

/** The person's counters; with `withUnearned`, also the active achievements they have not earned, in the same statement. */
async function countersOf(
  db: Queryable,
  userId: string,
  withUnearned = false,
  /** A write to run in the same statement (its effects are not visible to the counters). */
  before: Prisma.Sql = Prisma.empty,
): Promise<Counters & PersonRow & { unearned: AchievementRow[] }> {
  const [row] = await db.$queryRaw<Array<Record<string, unknown>>>`
    ${before === Prisma.empty ? Prisma.empty : Prisma.sql`WITH activity AS (${before} RETURNING 1)`}
    SELECT
      (SELECT count(*) FROM journal_entries WHERE user_id = ${userId}::uuid)::int AS journal_entries,
      (SELECT COALESCE(longest_streak, 0) FROM users WHERE id = ${userId}::uuid)::int AS streak_days,
      (SELECT count(*) FROM event_attendees WHERE user_id = ${userId}::uuid AND status = 'attended')::int AS events_attended,
      (SELECT count(*) FROM user_missions WHERE user_id = ${userId}::uuid AND status = 'completed')::int AS missions_completed,
      (SELECT count(*) FROM mood_tracking WHERE user_id = ${userId}::uuid)::int AS mood_logs,
      (SELECT count(*) FROM social_goals WHERE user_id = ${userId}::uuid AND status = 'completed')::int AS goals_completed,
      (SELECT count(*) FROM coach_conversations WHERE user_id = ${userId}::uuid)::int AS coach_sessions,
      (SELECT COALESCE(jsonb_object_agg(category, n), '{}'::jsonb) FROM (
         SELECT m.category, count(*)::int AS n FROM user_missions um JOIN missions m ON m.id = um.mission_id
          WHERE um.user_id = ${userId}::uuid AND um.status = 'completed' GROUP BY m.category) c) AS by_category,
      CASE WHEN ${withUnearned} THEN (
        SELECT COALESCE(jsonb_agg(jsonb_build_object(
                 'id', a.id, 'title', a.title, 'description', a.description, 'icon', a.icon, 'category', a.category,
                 'requirements', a.requirements, 'pointsReward', a.points_reward) ORDER BY a.created_at, a.id), '[]'::jsonb)
          FROM achievements a
         WHERE a.is_active
           AND NOT EXISTS (SELECT 1 FROM user_achievements ua WHERE ua.user_id = ${userId}::uuid AND ua.achievement_id = a.id))
      ELSE '[]'::jsonb END AS unearned,
      u.streak_days AS current_streak, u.total_points, r.start AS run_start, r.length AS run_length
    FROM users u ${LATEST_RUN_JOIN}
    WHERE u.id = ${userId}::uuid`;
  return row as unknown as Counters & PersonRow & { unearned: AchievementRow[] };
}

function valueOf(counters: Counters, requirement: Requirement): number {
  const { metric } = requirement;
  return typeof metric === 'string' ? counters[metric] : (counters.by_category[metric.categoryMissions] ?? 0);
}

/** Progress as the sum over requirements of min(value, threshold), out of the sum of thresholds. */
function progressOf(counters: Counters, requirements: readonly Requirement[]): { progress: number; max: number } {
  return requirements.reduce(
    (acc, r) => ({ progress: acc.progress + Math.min(valueOf(counters, r), r.threshold), max: acc.max + r.threshold }),
    { progress: 0, max: 0 },
  );
}

interface AchievementRow {
  id: string;
  title: string;
  description: string;
  icon: string;
  category: string | null;
  requirements: unknown;
  pointsReward: number | null;
}

// Requirements are few and rarely change: parse each distinct one once per process.
const parsedRequirements = new Map<string, Requirement[] | null>();

function safeRequirements(value: unknown): Requirement[] | null {
  const key = JSON.stringify(value);
  if (!parsedRequirements.has(key)) {
    let parsed: Requirement[] | null;
    try {
      parsed = parseRequirements(value);
    } catch {
      parsed = null; // An achievement the engine cannot read (from another app version) is never awarded.
    }
    parsedRequirements.set(key, parsed);
  }
  return parsedRequirements.get(key)!;
}

/**
 * Awards every active achievement the person now meets and has not earned yet.
 * Runs inside the activity's transaction; `day` is their local date for the points.
 * `activity`, when given, is added to that day's progress row in the same statement.
 */
export async function evaluateAchievements(
  tx: Tx,
  userId: string,
  day: string,
  now: Date,
  activity?: ActivityDelta,
): Promise<{ newAchievements: EarnedAchievement[]; person: PersonAfterActivity }> {
  const counters = await countersOf(tx, userId, true, activity ? progressUpsertSql(userId, day, activity) : Prisma.empty);
  const newlyMet = counters.unearned.flatMap((a) => {
    const requirements = safeRequirements(a.requirements);
    if (!requirements) return [];
    const { progress, max } = progressOf(counters, requirements);
    return progress >= max ? [{ achievement: a, max }] : [];
  });

  const awarded: EarnedAchievement[] = [];
  for (const { achievement, max } of newlyMet) {
    // ON CONFLICT: a concurrent activity may have awarded it a moment ago; only one insert wins.
    const inserted = await tx.$queryRaw<Array<{ id: string }>>`
      INSERT INTO user_achievements (user_id, achievement_id, earned_at, progress, max_progress)
      VALUES (${userId}::uuid, ${achievement.id}::uuid, ${now}, ${max}, ${max})
      ON CONFLICT (user_id, achievement_id) DO NOTHING RETURNING id`;
    if (inserted.length === 0) continue;
    awarded.push({
      id: achievement.id,
      title: achievement.title,
      description: achievement.description,
      icon: achievement.icon,
      pointsReward: achievement.pointsReward ?? 0,
    });
  }
  const points = awarded.reduce((sum, a) => sum + a.pointsReward, 0);
  if (points > 0) {
    await tx.$executeRaw`UPDATE users SET total_points = COALESCE(total_points, 0) + ${points} WHERE id = ${userId}::uuid`;
    await tx.$executeRaw(progressUpsertSql(userId, day, { pointsEarned: points, activities: 0 }));
  }
  return {
    newAchievements: awarded,
    person: {
      streakDays: counters.current_streak ?? 0,
      longestStreak: counters.streak_days,
      totalPoints: (counters.total_points ?? 0) + points,
      run: counters.run_start && counters.run_length ? { start: counters.run_start, length: counters.run_length } : undefined,
    },
  };
}

/** Every active achievement with the person's progress towards it, earned ones first. */
export async function listAchievements(deps: CoreDeps, userId: string): Promise<AchievementStatus[]> {
  const prisma = deps.db.prisma;
  const [counters, achievements, earned] = await Promise.all([
    countersOf(prisma, userId),
    prisma.achievement.findMany({ where: { isActive: true }, orderBy: { createdAt: 'asc' } }),
    prisma.userAchievement.findMany({ where: { userId } }),
  ]);
  const earnedBy = new Map(earned.map((e) => [e.achievementId, e]));
  const statuses = (achievements as AchievementRow[]).map((a): AchievementStatus => {
    const row = earnedBy.get(a.id);
    const requirements = safeRequirements(a.requirements) ?? [];
    const { progress, max } = progressOf(counters, requirements);
    return {
      id: a.id,
      title: a.title,
      description: a.description,
      icon: a.icon,
      category: a.category,
      pointsReward: a.pointsReward ?? 0,
      earnedAt: row?.earnedAt ?? null,
      progress: row ? (row.maxProgress ?? max) : progress,
      maxProgress: row ? (row.maxProgress ?? max) : max,
    };
  });
  return statuses.sort((x, y) => Number(y.earnedAt !== null) - Number(x.earnedAt !== null));
}
