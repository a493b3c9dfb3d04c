/** The statement that adds an activity to the person's `progress_tracking` row for a local date. */
import { Prisma } from '../generated/prisma/client.ts';

export interface ActivityDelta {
  readonly journalEntries?: number;
  readonly missionsCompleted?: number;
  readonly eventsAttended?: number;
  readonly pointsEarned?: number;
  /** A mood log or check-in: counts as an activity and sets the day's mood. */
  readonly mood?: string;
  readonly confidenceLevel?: number;
  /** Activities to count; defaults to the number of counted things in this delta. */
  readonly activities?: number;
}

/** Adds `delta` to the person's row for local date `day` ('YYYY-MM-DD'), creating it on first use. */
export function progressUpsertSql(userId: string, day: string, delta: ActivityDelta): Prisma.Sql {
  const journal = delta.journalEntries ?? 0;
  const missions = delta.missionsCompleted ?? 0;
  const events = delta.eventsAttended ?? 0;
  const activities = delta.activities ?? journal + missions + events + (delta.mood !== undefined || delta.confidenceLevel !== undefined ? 1 : 0);
  return Prisma.sql`
    INSERT INTO progress_tracking
      (user_id, tracking_date, confidence_level, mood, activities_completed, journal_entries, events_attended, missions_completed, points_earned)
    VALUES (${userId}::uuid, ${day}::date, ${delta.confidenceLevel ?? null}::numeric, ${delta.mood ?? null}, ${activities},
            ${journal}, ${events}, ${missions}, ${delta.pointsEarned ?? 0})
    ON CONFLICT (user_id, tracking_date) DO UPDATE SET
      confidence_level = COALESCE(EXCLUDED.confidence_level, progress_tracking.confidence_level),
      mood = COALESCE(EXCLUDED.mood, progress_tracking.mood),
      activities_completed = COALESCE(progress_tracking.activities_completed, 0) + EXCLUDED.activities_completed,
      journal_entries = COALESCE(progress_tracking.journal_entries, 0) + EXCLUDED.journal_entries,
      events_attended = COALESCE(progress_tracking.events_attended, 0) + EXCLUDED.events_attended,
      missions_completed = COALESCE(progress_tracking.missions_completed, 0) + EXCLUDED.missions_completed,
      points_earned = COALESCE(progress_tracking.points_earned, 0) + EXCLUDED.points_earned`;
}
