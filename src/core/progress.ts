/** Confidence check-ins and progress summaries. */
import { z } from 'zod';
import { recordActivity } from './activity.ts';
import { inTransaction, type CoreDeps } from './deps.ts';
import type { EarnedAchievement } from './achievements.ts';
import { STREAK_COLUMNS, STREAK_JOINS, streakStatusFrom, type StreakRow, type StreakStatus } from './streak-freeze.ts';
import { addDays, weekStart } from './time.ts';
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
    const { newAchievements } = await recordActivity(tx, userId, day, { confidenceLevel: confidence }, deps.clock.now());
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

interface SummaryRow extends StreakRow {
  dashboard: {
    total_points: number | null;
    total_journal_entries: number;
    completed_missions: number;
    events_attended: number;
    achievements_earned: number;
  } | null;
  confidence_weeks: Array<{ weekStart: string; average: number | string }>;
  days: Array<Omit<DayProgress, 'confidenceLevel'> & { confidenceLevel: number | string | null }>;
  missions_per_week: Record<string, number>;
}

/** The person's progress: totals from the seed's dashboard view, streak, and the recent days for charts. */
export async function progressSummary(deps: CoreDeps, userId: string, { days = 30 } = {}): Promise<ProgressSummary> {
  const user = await getUser(deps, userId);
  const today = todayFor(deps, user.settings);
  const from = addDays(today, -(days - 1));
  const firstWeek = addDays(weekStart(today), -7 * 7);
  const tz = user.settings.timezone;
  // One statement for the whole summary: it is what people open most.
  const [row] = await deps.db.prisma.$queryRaw<Array<SummaryRow>>`
    SELECT
      (SELECT to_jsonb(d) FROM user_dashboard_summary d WHERE d.id = u.id) AS dashboard,
      -- Only the average is read from this view: its sums count a row once per journal entry of the week.
      (SELECT COALESCE(jsonb_agg(jsonb_build_object('weekStart', w.week_start::date::text, 'average', w.avg_confidence)
                                 ORDER BY w.week_start), '[]'::jsonb)
         FROM weekly_progress w
        WHERE w.user_id = u.id AND w.week_start >= ${firstWeek}::date AND w.avg_confidence IS NOT NULL) AS confidence_weeks,
      (SELECT COALESCE(jsonb_agg(jsonb_build_object(
                'date', p.tracking_date::text, 'confidenceLevel', p.confidence_level, 'mood', p.mood,
                'activities', COALESCE(p.activities_completed, 0), 'journalEntries', COALESCE(p.journal_entries, 0),
                'missionsCompleted', COALESCE(p.missions_completed, 0), 'eventsAttended', COALESCE(p.events_attended, 0),
                'pointsEarned', COALESCE(p.points_earned, 0)) ORDER BY p.tracking_date), '[]'::jsonb)
         FROM progress_tracking p
        WHERE p.user_id = u.id AND p.tracking_date BETWEEN ${from}::date AND ${today}::date) AS days,
      (SELECT COALESCE(jsonb_object_agg(week, n), '{}'::jsonb) FROM (
         SELECT date_trunc('week', (um.completed_at AT TIME ZONE ${tz}))::date::text AS week, count(*)::int AS n
           FROM user_missions um
          WHERE um.user_id = u.id AND um.status = 'completed'
            AND um.completed_at >= (${firstWeek}::date::timestamp AT TIME ZONE ${tz})
          GROUP BY 1) m) AS missions_per_week,
      ${STREAK_COLUMNS}
    FROM users u ${STREAK_JOINS}
    WHERE u.id = ${userId}::uuid`;
  const dashboard = row?.dashboard;
  const recentDays = (row?.days ?? []).map((d): DayProgress => ({ ...d, confidenceLevel: d.confidenceLevel === null ? null : Number(d.confidenceLevel) }));
  const streak = streakStatusFrom(row, today);
  const perWeek = new Map(Object.entries(row?.missions_per_week ?? {}));
  const missionsPerWeek = Array.from({ length: 8 }, (_, i) => {
    const start = addDays(firstWeek, 7 * i);
    return { weekStart: start, completed: perWeek.get(start) ?? 0 };
  });
  const thisWeekRows = recentDays.filter((d) => d.date >= weekStart(today));
  return {
    confidenceLevel: user.confidenceLevel,
    totalPoints: dashboard?.total_points ?? 0,
    totals: {
      journalEntries: Number(dashboard?.total_journal_entries ?? 0),
      missionsCompleted: Number(dashboard?.completed_missions ?? 0),
      eventsAttended: Number(dashboard?.events_attended ?? 0),
      achievementsEarned: Number(dashboard?.achievements_earned ?? 0),
    },
    streak,
    recentDays,
    missionsPerWeek,
    confidencePerWeek: (row?.confidence_weeks ?? []).map((w) => ({ weekStart: w.weekStart, averageConfidence: Math.round(Number(w.average) * 10) / 10 })),
    thisWeek: {
      activeDays: thisWeekRows.filter((d) => d.activities > 0).length,
      activities: thisWeekRows.reduce((sum, d) => sum + d.activities, 0),
      pointsEarned: thisWeekRows.reduce((sum, d) => sum + d.pointsEarned, 0),
    },
  };
}
