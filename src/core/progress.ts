/** Confidence check-ins and progress summaries. */
import { z } from 'zod';
import { recordActivity } from './activity.ts';
import { inTransaction, type CoreDeps } from './deps.ts';
import type { EarnedAchievement } from './achievements.ts';
import { streakStatus, type StreakStatus } from './streak-freeze.ts';
import { addDays, dateColumn, weekStart } from './time.ts';
import { getUser, todayFor } from './users.ts';
import { parseInput } from './validate.ts';

const checkInInput = z.object({
  confidence: z.coerce
    .number({ error: 'must be a number from 1 to 10' })
    .min(1, 'must be from 1 to 10')
    .max(10, 'must be from 1 to 10')
    .transform((v) => Math.round(v * 10) / 10),
});

export interface CheckInResult {
  readonly confidenceLevel: number;
  readonly previous: number;
  readonly newAchievements: readonly EarnedAchievement[];
}

/** A confidence check-in (1-10): updates the person's level and today's progress row. */
export async function checkIn(deps: CoreDeps, userId: string, input: { confidence: unknown }): Promise<CheckInResult> {
  const { confidence } = parseInput(checkInInput, input);
  const user = await getUser(deps, userId);
  const day = todayFor(deps, user.settings);
  return inTransaction(deps, async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { confidenceLevel: confidence, updatedAt: deps.clock.now() } });
    const newAchievements = await recordActivity(tx, userId, day, { confidenceLevel: confidence }, deps.clock.now());
    return { confidenceLevel: confidence, previous: user.confidenceLevel, newAchievements };
  });
}

export interface DayProgress {
  readonly date: string;
  readonly confidenceLevel: number | null;
  readonly mood: string | null;
  readonly activities: number;
  readonly journalEntries: number;
  readonly missionsCompleted: number;
  readonly eventsAttended: number;
  readonly pointsEarned: number;
}

export interface ProgressSummary {
  readonly confidenceLevel: number;
  readonly totalPoints: number;
  readonly totals: { readonly journalEntries: number; readonly missionsCompleted: number; readonly eventsAttended: number; readonly achievementsEarned: number };
  readonly streak: StreakStatus;
  /** The last `days` local days that have a progress row, oldest first (for the chart). */
  readonly recentDays: readonly DayProgress[];
  /** Missions completed per local week (Monday start) over the last 8 weeks, oldest first, zeros included. */
  readonly missionsPerWeek: ReadonlyArray<{ readonly weekStart: string; readonly completed: number }>;
  /** Average check-in confidence per week from the seed's weekly_progress view, oldest first (weeks with a check-in). */
  readonly confidencePerWeek: ReadonlyArray<{ readonly weekStart: string; readonly averageConfidence: number }>;
  /** Sums of this local week's progress rows. */
  readonly thisWeek: { readonly activeDays: number; readonly activities: number; readonly pointsEarned: number };
}

/** The person's progress: totals from the seed's dashboard view, streak, and the recent days for charts. */
export async function progressSummary(deps: CoreDeps, userId: string, { days = 30 } = {}): Promise<ProgressSummary> {
  const user = await getUser(deps, userId);
  const today = todayFor(deps, user.settings);
  const from = addDays(today, -(days - 1));
  const firstWeek = addDays(weekStart(today), -7 * 7);
  const prisma = deps.db.prisma;
  const [dashboard, weeklyView, rows, weekly, streak] = await Promise.all([
    prisma.userDashboardSummary.findUnique({ where: { id: userId } }),
    // Only the average is read from this view: its sums count a row once per journal entry of the week.
    prisma.weeklyProgress.findMany({ where: { userId, weekStart: { gte: dateColumn(firstWeek) } }, orderBy: { weekStart: 'asc' } }),
    prisma.progressTracking.findMany({
      where: { userId, trackingDate: { gte: dateColumn(from), lte: dateColumn(today) } },
      orderBy: { trackingDate: 'asc' },
    }),
    prisma.$queryRaw<Array<{ week: string; completed: number }>>`
      SELECT date_trunc('week', (completed_at AT TIME ZONE ${user.settings.timezone}))::date::text AS week, count(*)::int AS completed
        FROM user_missions
       WHERE user_id = ${userId}::uuid AND status = 'completed'
         AND completed_at >= (${firstWeek}::date::timestamp AT TIME ZONE ${user.settings.timezone})
       GROUP BY 1`,
    streakStatus(deps, userId, user),
  ]);
  const recentDays = rows.map(
    (r): DayProgress => ({
      date: r.trackingDate.toISOString().slice(0, 10),
      confidenceLevel: r.confidenceLevel === null ? null : Number(r.confidenceLevel),
      mood: r.mood,
      activities: r.activitiesCompleted ?? 0,
      journalEntries: r.journalEntries ?? 0,
      missionsCompleted: r.missionsCompleted ?? 0,
      eventsAttended: r.eventsAttended ?? 0,
      pointsEarned: r.pointsEarned ?? 0,
    }),
  );
  const perWeek = new Map(weekly.map((w) => [w.week, w.completed]));
  const missionsPerWeek = Array.from({ length: 8 }, (_, i) => {
    const start = addDays(firstWeek, 7 * i);
    return { weekStart: start, completed: perWeek.get(start) ?? 0 };
  });
  const thisWeekRows = recentDays.filter((d) => d.date >= weekStart(today));
  return {
    confidenceLevel: user.confidenceLevel,
    totalPoints: dashboard?.totalPoints ?? 0,
    totals: {
      journalEntries: Number(dashboard?.totalJournalEntries ?? 0),
      missionsCompleted: Number(dashboard?.completedMissions ?? 0),
      eventsAttended: Number(dashboard?.eventsAttended ?? 0),
      achievementsEarned: Number(dashboard?.achievementsEarned ?? 0),
    },
    streak,
    recentDays,
    missionsPerWeek,
    confidencePerWeek: weeklyView.flatMap((w) =>
      w.weekStart && w.avgConfidence !== null
        ? [{ weekStart: w.weekStart.toISOString().slice(0, 10), averageConfidence: Math.round(Number(w.avgConfidence) * 10) / 10 }]
        : [],
    ),
    thisWeek: {
      activeDays: thisWeekRows.filter((d) => d.activities > 0).length,
      activities: thisWeekRows.reduce((sum, d) => sum + d.activities, 0),
      pointsEarned: thisWeekRows.reduce((sum, d) => sum + d.pointsEarned, 0),
    },
  };
}
