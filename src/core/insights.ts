/**
 * Weekly insights: five short, kind summaries of a person's local week (Monday to
 * Sunday in their time zone), stored in the seed's `weekly_insights`, one row per
 * insight type.
 *
 * One SQL statement computes and writes them, for one person or for everyone at
 * once, so the per-person answer and the weekly job can never disagree: the job is
 * the same statement without the person filter.
 */
import { z } from 'zod';
import { Prisma } from '../generated/prisma/client.ts';
import type { CoreDeps } from './deps.ts';
import { UserError } from './errors.ts';
import { addDays, weekStart as mondayOf } from './time.ts';
import { parseInput } from './validate.ts';

export type InsightType = 'mood_trend' | 'consistency' | 'missions' | 'confidence' | 'top_trigger';

/** The order insights are shown in. */
export const INSIGHT_TYPES: readonly InsightType[] = ['mood_trend', 'consistency', 'missions', 'confidence', 'top_trigger'];

/** `data` of a `mood_trend` insight: average mood intensity (1-10) this week and the week before. */
export interface MoodTrendData {
  readonly avg: number | null;
  readonly previousAvg: number | null;
  /** `steady` when the averages differ by less than 0.5; `unknown` when either week has no rated mood. */
  readonly direction: 'up' | 'down' | 'steady' | 'unknown';
  readonly logs: number;
  readonly previousLogs: number;
}

/** `data` of a `consistency` insight: local days with a journal entry, mood log, completed mission or attended event. */
export interface ConsistencyData {
  readonly activeDays: number;
  readonly days: 7;
}

/** `data` of a `missions` insight. */
export interface MissionsData {
  readonly completed: number;
  readonly byCategory: Readonly<Record<string, number>>;
}

/** `data` of a `confidence` insight: the last check-in of the week against the last one before it. */
export interface ConfidenceData {
  readonly current: number | null;
  readonly previous: number | null;
  readonly change: number | null;
}

/** `data` of a `top_trigger` insight: the trigger named in most of the week's mood logs (ties: alphabetical). */
export interface TopTriggerData {
  readonly trigger: string | null;
  readonly count: number;
}

export interface WeeklyInsight {
  readonly id: string;
  /** One of InsightType for the companion's insights; the Extrovertly app may store others. */
  readonly type: string;
  /** The Monday the week starts on, 'YYYY-MM-DD'. */
  readonly weekStart: string;
  readonly title: string;
  readonly description: string;
  readonly data: Record<string, unknown>;
  readonly isRead: boolean;
}

export interface InsightWeek {
  readonly weekStart: string;
  readonly insights: readonly WeeklyInsight[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const weekInput = z.object({
  weekStart: z.string({ error: 'give the Monday the week starts on, like 2026-11-16' }).trim().superRefine((d, ctx) => {
    const fail = (message: string) => ctx.addIssue({ code: 'custom', message });
    if (!ISO_DATE.test(d)) return fail('use a date like 2026-11-16 (the Monday the week starts on)');
    const date = new Date(`${d}T00:00:00Z`);
    if (Number.isNaN(date.getTime()) || !date.toISOString().startsWith(d)) return fail(`${d} is not a date on the calendar`);
    const day = date.getUTCDay();
    if (day !== 1) fail(`${d} is a ${WEEKDAYS[day]}; weeks start on Monday, so use ${mondayOf(d)}`);
  }),
});

export type WeekInput = z.input<typeof weekInput>;

function notFound(): UserError {
  return new UserError('not_found', 'I could not find your profile. Send any command to start again.');
}

interface InsightRow {
  id: string;
  user_id: string;
  week_start: string;
  insight_type: string;
  title: string;
  description: string;
  data: unknown;
  is_read: boolean | null;
}

function toInsight(row: InsightRow): WeeklyInsight {
  return {
    id: row.id,
    type: row.insight_type,
    weekStart: row.week_start,
    title: row.title,
    description: row.description,
    data: (row.data && typeof row.data === 'object' ? row.data : {}) as Record<string, unknown>,
    isRead: row.is_read === true,
  };
}

function inDisplayOrder(insights: WeeklyInsight[]): WeeklyInsight[] {
  const rank = (type: string) => {
    const i = INSIGHT_TYPES.indexOf(type as InsightType);
    return i === -1 ? INSIGHT_TYPES.length : i;
  };
  return insights.sort((a, b) => rank(a.type) - rank(b.type) || a.type.localeCompare(b.type));
}

/**
 * Computes and upserts the five insights of the local week starting `week` for every
 * active user, or for `onlyUser` (whether active or not), returning the written rows.
 *
 * A person's zone is theirs when Postgres knows it, else `defaultTimezone` (as in
 * readSettings); days are local days, so the week's bounds are local midnights turned
 * into instants, which keeps the (user_id, time) indexes usable. Re-running a week
 * rewrites title, description and data and leaves is_read and created_at alone.
 */
function upsertInsights(week: string, defaultTimezone: string, onlyUser: string | null, now: Date): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO weekly_insights (user_id, week_start_date, insight_type, title, description, data, created_at)
    WITH params AS (
      SELECT ${week}::date AS week, ${defaultTimezone}::text AS default_tz, ${onlyUser}::uuid AS only_user,
             ${now}::timestamptz AS written_at
    ),
    people AS (
      SELECT u.id AS user_id, p.week, z.tz,
             (p.week::timestamp AT TIME ZONE z.tz) AS week_from,
             ((p.week + 7)::timestamp AT TIME ZONE z.tz) AS week_to,
             ((p.week - 7)::timestamp AT TIME ZONE z.tz) AS prev_from
        FROM params p
        -- Two shapes rather than an OR, so one person's insights are a primary-key lookup, not a scan.
        JOIN users u ON ${onlyUser === null ? Prisma.sql`u.is_active IS NOT FALSE` : Prisma.sql`u.id = p.only_user`}
        CROSS JOIN LATERAL (
          -- companion_user_timezone says UTC both for an explicit UTC and for "unset or unknown";
          -- only the latter falls back to the default zone.
          SELECT CASE WHEN companion_user_timezone(u.preferences) = 'UTC'
                       AND NULLIF(btrim(u.preferences->>'timezone'), '') IS DISTINCT FROM 'UTC'
                      THEN p.default_tz
                      ELSE companion_user_timezone(u.preferences) END AS tz
        ) z
    ),
    mood AS (
      SELECT pe.user_id,
             round(avg(m.intensity) FILTER (WHERE m.recorded_at >= pe.week_from), 1) AS avg_now,
             round(avg(m.intensity) FILTER (WHERE m.recorded_at < pe.week_from), 1) AS avg_prev,
             count(*) FILTER (WHERE m.recorded_at >= pe.week_from)::int AS logs_now,
             count(*) FILTER (WHERE m.recorded_at < pe.week_from)::int AS logs_prev
        FROM people pe
        JOIN mood_tracking m ON m.user_id = pe.user_id AND m.recorded_at >= pe.prev_from AND m.recorded_at < pe.week_to
       GROUP BY pe.user_id
    ),
    active AS (
      SELECT pe.user_id, count(DISTINCT d.day)::int AS active_days
        FROM people pe
        JOIN LATERAL (
          SELECT (j.created_at AT TIME ZONE pe.tz)::date AS day FROM journal_entries j
           WHERE j.user_id = pe.user_id AND j.created_at >= pe.week_from AND j.created_at < pe.week_to
          UNION ALL
          SELECT (m.recorded_at AT TIME ZONE pe.tz)::date FROM mood_tracking m
           WHERE m.user_id = pe.user_id AND m.recorded_at >= pe.week_from AND m.recorded_at < pe.week_to
          UNION ALL
          SELECT (um.completed_at AT TIME ZONE pe.tz)::date FROM user_missions um
           WHERE um.user_id = pe.user_id AND um.status = 'completed'
             AND um.completed_at >= pe.week_from AND um.completed_at < pe.week_to
          UNION ALL
          -- An attendance marked without a time counts on the event's own (local) date.
          SELECT COALESCE((ea.attended_at AT TIME ZONE pe.tz)::date, e.date) FROM event_attendees ea
            LEFT JOIN events e ON e.id = ea.event_id
           WHERE ea.user_id = pe.user_id AND ea.status = 'attended'
        ) d ON d.day >= pe.week AND d.day < pe.week + 7
       GROUP BY pe.user_id
    ),
    mission_categories AS (
      SELECT pe.user_id, COALESCE(m.category, 'other') AS category, count(*)::int AS n
        FROM people pe
        JOIN user_missions um ON um.user_id = pe.user_id AND um.status = 'completed'
         AND um.completed_at >= pe.week_from AND um.completed_at < pe.week_to
        LEFT JOIN missions m ON m.id = um.mission_id
       GROUP BY 1, 2
    ),
    missions_done AS (
      SELECT user_id, sum(n)::int AS completed, jsonb_object_agg(category, n) AS by_category,
             (array_agg(category ORDER BY n DESC, category COLLATE "C"))[1] AS top_category
        FROM mission_categories
       GROUP BY user_id
    ),
    confidence AS (
      SELECT pe.user_id,
             (SELECT pt.confidence_level FROM progress_tracking pt
               WHERE pt.user_id = pe.user_id AND pt.confidence_level IS NOT NULL
                 AND pt.tracking_date >= pe.week AND pt.tracking_date < pe.week + 7
               ORDER BY pt.tracking_date DESC LIMIT 1) AS current,
             (SELECT pt.confidence_level FROM progress_tracking pt
               WHERE pt.user_id = pe.user_id AND pt.confidence_level IS NOT NULL AND pt.tracking_date < pe.week
               ORDER BY pt.tracking_date DESC LIMIT 1) AS previous
        FROM people pe
    ),
    top_triggers AS (
      -- Case and spacing vary between logs ("Work", "work "); one log naming a trigger twice counts once.
      SELECT DISTINCT ON (pe.user_id) pe.user_id, t.name AS trigger, count(*)::int AS n
        FROM people pe
        JOIN mood_tracking m ON m.user_id = pe.user_id AND m.recorded_at >= pe.week_from AND m.recorded_at < pe.week_to
        CROSS JOIN LATERAL (SELECT DISTINCT lower(btrim(x)) AS name FROM unnest(m.triggers) AS x) t
       WHERE t.name <> ''
       GROUP BY pe.user_id, t.name
       ORDER BY pe.user_id, count(*) DESC, t.name COLLATE "C"
    ),
    facts AS (
      SELECT pe.user_id, pe.week,
             mo.avg_now, mo.avg_prev, COALESCE(mo.logs_now, 0) AS logs_now, COALESCE(mo.logs_prev, 0) AS logs_prev,
             trim_scale(mo.avg_now)::text AS avg_now_text, trim_scale(mo.avg_prev)::text AS avg_prev_text,
             CASE WHEN mo.avg_now IS NULL OR mo.avg_prev IS NULL THEN 'unknown'
                  WHEN abs(mo.avg_now - mo.avg_prev) < 0.5 THEN 'steady'
                  WHEN mo.avg_now > mo.avg_prev THEN 'up'
                  ELSE 'down' END AS direction,
             COALESCE(a.active_days, 0) AS active_days,
             COALESCE(md.completed, 0) AS missions, COALESCE(md.by_category, '{}'::jsonb) AS by_category,
             replace(md.top_category, '_', ' ') AS top_category,
             c.current, c.previous, c.current - c.previous AS change,
             trim_scale(c.current)::text AS current_text, trim_scale(c.previous)::text AS previous_text,
             trim_scale(abs(c.current - c.previous))::text AS change_text,
             tt.trigger, COALESCE(tt.n, 0) AS trigger_count
        FROM people pe
        LEFT JOIN mood mo ON mo.user_id = pe.user_id
        LEFT JOIN active a ON a.user_id = pe.user_id
        LEFT JOIN missions_done md ON md.user_id = pe.user_id
        LEFT JOIN confidence c ON c.user_id = pe.user_id
        LEFT JOIN top_triggers tt ON tt.user_id = pe.user_id
    )
    SELECT f.user_id, f.week, i.insight_type, left(i.title, 200), i.description, i.data, p.written_at
      FROM facts f
     CROSS JOIN params p
     CROSS JOIN LATERAL (VALUES
      ('mood_trend',
       CASE f.direction
         WHEN 'up' THEN 'Your mood lifted this week'
         WHEN 'down' THEN 'A heavier week for your mood'
         WHEN 'steady' THEN 'Your mood held steady'
         ELSE CASE WHEN f.avg_now IS NOT NULL THEN format('Your mood averaged %s/10 this week', f.avg_now_text)
                   ELSE 'No mood ratings this week' END
       END,
       CASE f.direction
         WHEN 'up' THEN format('Your mood averaged %s out of 10 this week, up from %s the week before. Something is working; it''s worth noticing what it was.', f.avg_now_text, f.avg_prev_text)
         WHEN 'down' THEN format('Your mood averaged %s out of 10 this week, down from %s the week before. Harder weeks happen to everyone; be gentle with yourself and go at your own pace.', f.avg_now_text, f.avg_prev_text)
         WHEN 'steady' THEN format('Your mood averaged %s out of 10 this week, close to %s the week before. Steady ground is a good place to grow from.', f.avg_now_text, f.avg_prev_text)
         ELSE CASE
           WHEN f.avg_now IS NOT NULL THEN format('You logged %s this week, averaging %s out of 10. Keep logging and next week I can show you how it moves.',
                                                 CASE WHEN f.logs_now = 1 THEN '1 mood' ELSE f.logs_now || ' moods' END, f.avg_now_text)
           WHEN f.logs_now > 0 THEN format('You logged %s this week. Adding how strongly you felt it (1 to 10) lets me show you how your mood moves.',
                                           CASE WHEN f.logs_now = 1 THEN '1 mood' ELSE f.logs_now || ' moods' END)
           WHEN f.avg_prev IS NOT NULL THEN format('You didn''t log a mood this week, and that''s fine. The week before averaged %s out of 10; whenever you log one, I''ll show you the trend.', f.avg_prev_text)
           ELSE 'You didn''t log a mood this week, and that''s fine. Whenever you feel like it, a quick mood log helps you notice what lifts you.'
         END
       END,
       jsonb_build_object('avg', f.avg_now, 'previousAvg', f.avg_prev, 'direction', f.direction,
                          'logs', f.logs_now, 'previousLogs', f.logs_prev)),
      ('consistency',
       CASE WHEN f.active_days = 0 THEN 'A quiet week'
            WHEN f.active_days = 7 THEN 'Every day this week'
            WHEN f.active_days = 1 THEN 'You showed up on 1 day'
            WHEN f.active_days <= 3 THEN format('You showed up on %s days', f.active_days)
            ELSE format('%s active days this week', f.active_days) END,
       CASE WHEN f.active_days = 0 THEN 'A quiet week is fine. Rest is part of growing too, and one small step is plenty whenever you''re ready.'
            WHEN f.active_days = 7 THEN 'You showed up for yourself on all 7 days this week. That kind of consistency is how confidence grows.'
            WHEN f.active_days = 1 THEN 'You showed up for yourself on 1 day this week. One day is a real start, and it counts.'
            WHEN f.active_days <= 3 THEN format('You showed up for yourself on %s of 7 days this week. Every one of those days counts.', f.active_days)
            ELSE format('You showed up for yourself on %s of 7 days this week. That''s real consistency.', f.active_days) END,
       jsonb_build_object('activeDays', f.active_days, 'days', 7)),
      ('missions',
       CASE WHEN f.missions = 0 THEN 'A breather from missions'
            WHEN f.missions = 1 THEN '1 mission completed'
            ELSE format('%s missions completed', f.missions) END,
       CASE WHEN f.missions = 0 THEN 'You didn''t complete a mission this week, and that''s okay. When you feel ready, a small beginner mission is a gentle way back in.'
            WHEN f.missions = 1 THEN format('You completed a %s mission this week. Stepping outside your comfort zone takes courage.', f.top_category)
            ELSE format('You completed %s missions this week, most often in %s. Stepping outside your comfort zone takes courage; well done.', f.missions, f.top_category) END,
       jsonb_build_object('completed', f.missions, 'byCategory', f.by_category)),
      ('confidence',
       CASE WHEN f.current IS NULL THEN 'No confidence check-in this week'
            WHEN f.previous IS NULL THEN format('Confidence at %s/10', f.current_text)
            WHEN f.change > 0 THEN format('Confidence up %s', f.change_text)
            WHEN f.change < 0 THEN 'A dip in confidence'
            ELSE format('Confidence holding at %s/10', f.current_text) END,
       CASE WHEN f.current IS NULL THEN 'There was no confidence check-in this week, and that''s fine. A quick check-in now and then helps you see how far you''ve come.'
            WHEN f.previous IS NULL THEN format('You checked in at %s out of 10 this week. That''s your starting point; from here I can show you how it moves.', f.current_text)
            WHEN f.change > 0 THEN format('Your confidence rose from %s to %s out of 10. That growth is yours; you earned it.', f.previous_text, f.current_text)
            WHEN f.change < 0 THEN format('Your confidence moved from %s to %s out of 10. Dips are a normal part of growing, not a step back from who you are.', f.previous_text, f.current_text)
            ELSE format('Your confidence held at %s out of 10. Holding steady is progress too.', f.current_text) END,
       jsonb_build_object('current', f.current, 'previous', f.previous, 'change', f.change)),
      ('top_trigger',
       CASE WHEN f.trigger IS NULL THEN 'No common trigger this week'
            ELSE format('What came up most: %s', left(f.trigger, 100)) END,
       CASE WHEN f.trigger IS NULL THEN 'No mood triggers were noted this week. If something stirs your mood, adding it to a mood log helps you spot patterns.'
            ELSE format('"%s" came up in %s this week. Noticing a pattern is the first step to working with it.',
                        f.trigger, CASE WHEN f.trigger_count = 1 THEN '1 mood log' ELSE f.trigger_count || ' mood logs' END) END,
       jsonb_build_object('trigger', f.trigger, 'count', f.trigger_count))
     ) AS i(insight_type, title, description, data)
    ON CONFLICT (user_id, week_start_date, insight_type) DO UPDATE
       SET title = EXCLUDED.title, description = EXCLUDED.description, data = EXCLUDED.data
    RETURNING id, user_id, week_start_date::text AS week_start, insight_type, title, description, data, is_read`;
}

/**
 * The person's insights for the local week starting on Monday `weekStart`
 * ('YYYY-MM-DD'), computed and stored (again, when they exist already).
 */
export async function computeWeeklyInsights(deps: CoreDeps, userId: string, weekStart: string): Promise<WeeklyInsight[]> {
  const { weekStart: week } = parseInput(weekInput, { weekStart });
  if (!UUID.test(userId)) throw notFound();
  const rows = await deps.db.prisma.$queryRaw<InsightRow[]>`
    WITH written AS (${upsertInsights(week, deps.defaultTimezone, userId, deps.clock.now())})
    SELECT * FROM written`;
  if (rows.length === 0) throw notFound();
  return inDisplayOrder(rows.map(toInsight));
}

/**
 * Every active user's insights for the local week starting on Monday `weekStart`, in
 * one statement. Returns the number of people covered.
 */
export async function computeAllWeeklyInsights(deps: CoreDeps, weekStart: string): Promise<number> {
  const { weekStart: week } = parseInput(weekInput, { weekStart });
  const [row] = await deps.db.prisma.$queryRaw<Array<{ users: number }>>`
    WITH written AS (${upsertInsights(week, deps.defaultTimezone, null, deps.clock.now())})
    SELECT count(DISTINCT user_id)::int AS users FROM written`;
  return row?.users ?? 0;
}

/** The person's most recent week of insights, or null before their first. */
export async function latestInsights(deps: CoreDeps, userId: string): Promise<InsightWeek | null> {
  if (!UUID.test(userId)) throw notFound();
  const rows = await deps.db.prisma.$queryRaw<InsightRow[]>`
    SELECT id, user_id, week_start_date::text AS week_start, insight_type, title, description, data, is_read
      FROM weekly_insights
     WHERE user_id = ${userId}::uuid
       AND week_start_date = (SELECT max(week_start_date) FROM weekly_insights WHERE user_id = ${userId}::uuid)`;
  if (rows.length === 0) {
    const user = await deps.db.prisma.user.findUnique({ where: { id: userId }, select: { id: true } });
    if (!user) throw notFound();
    return null;
  }
  return { weekStart: rows[0]!.week_start, insights: inDisplayOrder(rows.map(toInsight)) };
}

/** The Monday of the week before the one holding `date` ('YYYY-MM-DD'): the last full week. */
export function previousWeekStart(date: string): string {
  return addDays(mondayOf(date), -7);
}
