/**
 * The scheduled jobs as SQL: each decides, for everyone at once, who is due at an
 * instant `at`, and claims those delivery keys in the same statement.
 *
 * A delivery is due when its local instant (the person's reminder time, Monday
 * 09:00, a day before an event) lies in `(at - catch-up window, at]`. Ticks every
 * minute re-evaluate the window; keys already claimed or sent are left out, so a
 * window missed while the process was down is caught up at start, and one older
 * than its window is stale and never sent. Local instants come from
 * companion_local_instant, so 09:00 stays 09:00 across DST changes.
 */
import { Prisma } from '../generated/prisma/client.ts';

export const JOB_NAMES = ['streak-reminders', 'mission-nudges', 'weekly-insights', 'event-reminders', 'housekeeping'] as const;
export type JobName = (typeof JOB_NAMES)[number];

export type DeliveryKind = 'streak_reminder' | 'mission_nudge' | 'weekly_insights' | 'event_reminder' | 'fewer_reminders';

/** Kinds the person did not ask for: they count towards back-off. */
export const NUDGE_KINDS: readonly DeliveryKind[] = ['streak_reminder', 'mission_nudge', 'fewer_reminders'];

/** Also spelled '19:00' in companion_users_reminder_slot_idx and in the `slotted` query that reads it. */
export const DEFAULT_REMINDER_TIME = '19:00';
/** Weekly insights arrive on Monday at this local time. */
export const WEEKLY_INSIGHTS_TIME = '09:00';
/** How long after its local time a reminder is still worth sending (same local day only). */
export const STREAK_CATCH_UP_HOURS = 3;
export const WEEKLY_CATCH_UP_HOURS = 12;
/** A mission untouched this long gets a nudge, at most one per mission per week. */
export const MISSION_IDLE_DAYS = 3;
export const EVENT_LEAD_HOURS = 24;
/** When someone RSVPs inside the lead time, the reminder comes this long before the start instead. */
export const EVENT_LATE_LEAD_HOURS = 2;
/** An event reminder is stale once the event starts within this many minutes. */
export const EVENT_STALE_MINUTES = 30;
/** Ignored nudges in a row after which the person is asked once, then nudged less and less often. */
export const BACK_OFF_AFTER = 3;
export const MAX_BACK_OFF_DAYS = 14;
/** A failed delivery is tried again on a later tick, this many attempts in all. */
export const MAX_ATTEMPTS = 3;
export const RETRY_FAILED_AFTER_MINUTES = 10;
/**
 * `detail` of a claim whose DM is being handed to the platform right now. Such a
 * claim is never taken over, even once its lease runs out: the DM may have been
 * delivered by a runner that died before recording it, and a second copy is worse
 * than none (housekeeping records it as skipped, 'uncertain').
 */
export const SENDING = 'sending';

export interface ClaimParams {
  /** The instant the job runs as if at. */
  readonly at: Date;
  /** The clock's now: leases and stamps. */
  readonly now: Date;
  readonly defaultTimezone: string;
  /** Platforms a messenger is configured for; people are reached on their most recently seen one. */
  readonly platforms: readonly string[];
  readonly runner: string;
  readonly leaseUntil: Date;
  readonly limit: number;
}

export interface ClaimedDelivery {
  readonly userId: string;
  readonly kind: DeliveryKind;
  readonly period: string;
  readonly dueAt: string;
  readonly platform: string;
  readonly externalId: string;
  readonly workspaceId: string | null;
  readonly firstName: string;
  readonly timezone: string;
  readonly payload: Record<string, unknown>;
}

export interface ClaimResult {
  /** Deliveries that were due and not taken before this statement looked. */
  readonly candidates: number;
  /** The ones this runner claimed (another runner may have won the rest). */
  readonly claimed: ClaimedDelivery[];
}

const HOUR = Prisma.sql`interval '1 hour'`;

/**
 * The distinct zone spellings of active people ('' for none), each with the zone it
 * means. Read as a loose scan of companion_users_reminder_slot_idx (one index probe
 * per spelling, not a pass over everyone), and checked once per spelling.
 */
const zones = Prisma.sql`
  zones AS MATERIALIZED (
    SELECT z.raw, companion_effective_timezone(jsonb_build_object('timezone', z.raw), p.default_tz) AS tz
      FROM params p
     CROSS JOIN (
       WITH RECURSIVE z AS (
         (SELECT COALESCE(u.preferences->>'timezone', '') AS raw FROM users u
           WHERE u.is_active IS NOT FALSE ORDER BY 1 LIMIT 1)
         UNION ALL
         SELECT (SELECT COALESCE(u.preferences->>'timezone', '') FROM users u
                  WHERE u.is_active IS NOT FALSE AND COALESCE(u.preferences->>'timezone', '') > z.raw ORDER BY 1 LIMIT 1)
           FROM z WHERE z.raw IS NOT NULL
       )
       SELECT raw FROM z WHERE raw IS NOT NULL
     ) z
  )`;

/** Everyone active, with their zone and local date and time at `at`. */
const people = Prisma.sql`
  ${zones},
  people AS (
    SELECT u.id AS user_id, u.first_name, u.preferences AS prefs, zn.tz,
           (p.at AT TIME ZONE zn.tz)::date AS today, (p.at AT TIME ZONE zn.tz)::time AS local_time
      FROM params p
      JOIN users u ON u.is_active IS NOT FALSE
      JOIN zones zn ON zn.raw = COALESCE(u.preferences->>'timezone', '')
  )`;

/**
 * The people whose reminder time today may lie in the catch-up window ending at
 * `at`: per zone, the local wall-clock range the window covers on today's local
 * date, read from companion_users_reminder_slot_idx, so a tick touches only people
 * near their reminder time instead of everyone. The range starts at the earlier of
 * the window's local start and "local now minus the window": after a fall-back the
 * wall clock reads less than real time passed. Exact due instants are checked after.
 */
const slotted = Prisma.sql`
  ${zones},
  slotted AS (
    SELECT u.id AS user_id, u.first_name, u.preferences AS prefs, zn.tz, s.today, s.local_time,
           companion_pref_time(u.preferences->>'reminder_time', '19:00'::time) AS reminder_time
      FROM params p
     CROSS JOIN zones zn
     CROSS JOIN LATERAL (
       SELECT (p.at AT TIME ZONE zn.tz)::date AS today, (p.at AT TIME ZONE zn.tz)::time AS local_time,
              LEAST((p.at - ${STREAK_CATCH_UP_HOURS}::int * ${HOUR}) AT TIME ZONE zn.tz,
                    (p.at AT TIME ZONE zn.tz) - ${STREAK_CATCH_UP_HOURS}::int * ${HOUR}) AS lo
     ) s
      JOIN users u ON u.is_active IS NOT FALSE
       AND COALESCE(u.preferences->>'timezone', '') = zn.raw
       AND companion_pref_time(u.preferences->>'reminder_time', '19:00'::time)
           BETWEEN (CASE WHEN s.lo::date = s.today THEN s.lo::time ELSE '00:00'::time END) AND s.local_time
  )`;

/** Today's reminder instant of `pe` (from slotted). */
const reminderAt = Prisma.sql`
  CROSS JOIN LATERAL (SELECT companion_local_instant(pe.today, pe.reminder_time, pe.tz) AS due_at) w`;

/**
 * Back-off: `ig.ignored` counts the nudges sent since the person last interacted
 * (companion_interacted_since the last nudge: seen on a chat platform, a settings
 * change or button, a journal entry, mood or mission), and `gap.days`
 * is how long to leave after the last nudge: their own choice ("fewer, please"),
 * doubling from 2 days after BACK_OFF_AFTER ignored nudges, at most MAX_BACK_OFF_DAYS.
 */
const nudgeState = Prisma.sql`
  LEFT JOIN companion_nudge_state ns ON ns.user_id = pe.user_id
  CROSS JOIN LATERAL (
    SELECT CASE
      WHEN ns.last_nudge_at IS NULL THEN 0
      WHEN companion_interacted_since(pe.user_id, ns.last_nudge_at) THEN 0
      ELSE ns.nudges_since_contact END AS ignored
  ) ig
  CROSS JOIN LATERAL (
    SELECT GREATEST(COALESCE(ns.min_gap_days, 1),
                    CASE WHEN ig.ignored >= ${BACK_OFF_AFTER}::int AND ns.fewer_asked_at IS NOT NULL
                         THEN LEAST(${MAX_BACK_OFF_DAYS}::int, power(2, ig.ignored - ${BACK_OFF_AFTER - 1}::int)::int) ELSE 1 END) AS days
  ) gap`;

/** A nudge leaves `gap.days` after the last one; two hours of slack so a daily time can move with DST. */
const gapAllows = Prisma.sql`(ns.last_nudge_at IS NULL OR ns.last_nudge_at <= p.at - make_interval(days => gap.days) + interval '2 hours')`;

/** Whether the person wrote a journal entry on their local day `pe.today`. */
const journaledToday = Prisma.sql`EXISTS (
  SELECT 1 FROM journal_entries j
   WHERE j.user_id = pe.user_id
     AND j.created_at >= companion_local_instant(pe.today, '00:00', pe.tz)
     AND j.created_at < companion_local_instant(pe.today + 1, '00:00', pe.tz))`;

/**
 * No delivery of `kind` for `period` is final or held yet. Checked before the costlier
 * conditions, so people already reminded in the window cost one index lookup per tick.
 */
function undelivered(kind: Prisma.Sql, period: Prisma.Sql): Prisma.Sql {
  // OFFSET 0 keeps this a probe of the primary key per person, whatever the table's statistics say.
  return Prisma.sql`NOT EXISTS (
    SELECT 1 FROM companion_deliveries x
     WHERE x.user_id = pe.user_id AND x.kind = ${kind} AND x.period = ${period}
       AND NOT (x.status = 'claimed' AND x.lease_until < p.now AND x.detail IS DISTINCT FROM ${SENDING})
       AND NOT (x.status = 'failed' AND x.attempts < ${MAX_ATTEMPTS}::int
                AND x.updated_at < p.now - ${RETRY_FAILED_AFTER_MINUTES}::int * interval '1 minute')
    OFFSET 0)`;
}

function windowOf(hours: number): Prisma.Sql {
  return Prisma.sql`w.due_at <= p.at AND w.due_at > p.at - ${hours}::int * ${HOUR}`;
}

/**
 * Streak reminders at the person's reminder time on a local day they have not
 * journaled yet: a streak to keep (a run ending yesterday) or a habit to start.
 * After BACK_OFF_AFTER ignored nudges, the first one becomes the single
 * "want fewer reminders?" question.
 */
const streakDue = Prisma.sql`
  win AS MATERIALIZED (
    SELECT pe.*, w.due_at
      FROM slotted pe
     CROSS JOIN params p
     ${reminderAt}
     WHERE ${windowOf(STREAK_CATCH_UP_HOURS)}
       AND ${undelivered(Prisma.sql`'streak_reminder'`, Prisma.sql`pe.today::text`)}
  ),
  due AS (
    SELECT pe.user_id, pe.first_name, pe.tz, pe.prefs, pe.today, pe.local_time, pe.due_at,
           CASE WHEN ig.ignored >= ${BACK_OFF_AFTER}::int AND ns.fewer_asked_at IS NULL THEN 'fewer_reminders' ELSE 'streak_reminder' END AS kind,
           CASE WHEN ig.ignored >= ${BACK_OFF_AFTER}::int AND ns.fewer_asked_at IS NULL THEN 'once' ELSE pe.today::text END AS period,
           jsonb_build_object('streak', COALESCE(r.streak, 0), 'ignored', ig.ignored,
                              -- Journaled before, but not yesterday: welcomed back, never told what was lost.
                              'returning', r.streak IS NULL AND EXISTS (
                                SELECT 1 FROM journal_entries j
                                 WHERE j.user_id = pe.user_id AND j.created_at < companion_local_instant(pe.today, '00:00', pe.tz))) AS payload
      FROM win pe
     CROSS JOIN params p
     ${nudgeState}
      LEFT JOIN LATERAL (
        SELECT r.end_date - r.start_date + 1 AS streak FROM companion_journal_streak_runs r
         WHERE r.user_id = pe.user_id AND r.end_date = pe.today - 1
      ) r ON true
     WHERE ${gapAllows}
       AND NOT ${journaledToday}
  )`;

/**
 * Mission nudges share the daily slot at the reminder time with streak
 * reminders: they go on days the person has already journaled (so no streak
 * reminder is due), for their longest-untouched assigned or in-progress mission,
 * at most one per mission per 7 days.
 */
const missionDue = Prisma.sql`
  due AS (
    SELECT DISTINCT ON (pe.user_id)
           pe.user_id, pe.first_name, pe.tz, pe.prefs, pe.today, pe.local_time, w.due_at,
           'mission_nudge' AS kind, m.mission_id::text || ':' || pe.today::text AS period,
           jsonb_build_object('missionId', m.mission_id, 'title', m.title, 'status', m.status,
                              'idleDays', (p.at::date - m.touched::date)) AS payload
      FROM slotted pe
     CROSS JOIN params p
     ${reminderAt}
     ${nudgeState}
      JOIN LATERAL (
        SELECT um.mission_id, mi.title, um.status, COALESCE(um.started_at, um.assigned_at) AS touched
          FROM user_missions um
          JOIN missions mi ON mi.id = um.mission_id
         WHERE um.user_id = pe.user_id AND um.status IN ('assigned', 'in_progress')
           AND COALESCE(um.started_at, um.assigned_at) <= p.at - ${MISSION_IDLE_DAYS}::int * interval '1 day'
           AND NOT EXISTS (
             SELECT 1 FROM companion_deliveries x
              WHERE x.user_id = pe.user_id AND x.kind = 'mission_nudge'
                AND x.period LIKE um.mission_id::text || ':%' AND x.due_at > p.at - interval '7 days')
         ORDER BY COALESCE(um.started_at, um.assigned_at), um.mission_id
         LIMIT 1
      ) m ON true
     WHERE ${windowOf(STREAK_CATCH_UP_HOURS)}
       AND ${gapAllows}
       AND ig.ignored < ${BACK_OFF_AFTER}::int
       AND ${journaledToday}
       AND NOT EXISTS (
         SELECT 1 FROM companion_deliveries x
          WHERE x.user_id = pe.user_id AND x.kind IN ('streak_reminder', 'fewer_reminders')
            AND x.due_at > p.at - interval '20 hours')
     ORDER BY pe.user_id
  )`;

/**
 * Weekly insights on the person's local Monday at WEEKLY_INSIGHTS_TIME, for the
 * week that ended at their local Monday midnight, once a run of the set-based
 * computation (companion_job_runs) started after that midnight.
 */
const weeklyDue = Prisma.sql`
  win AS MATERIALIZED (
    SELECT pe.*, w.due_at
      FROM people pe
     CROSS JOIN params p
     CROSS JOIN LATERAL (SELECT companion_local_instant(pe.today, ${WEEKLY_INSIGHTS_TIME}::time, pe.tz) AS due_at) w
     WHERE extract(isodow FROM pe.today) = 1
       AND ${windowOf(WEEKLY_CATCH_UP_HOURS)}
       AND ${undelivered(Prisma.sql`'weekly_insights'`, Prisma.sql`(pe.today - 7)::text`)}
  ),
  due AS (
    SELECT pe.user_id, pe.first_name, pe.tz, pe.prefs, pe.today, pe.local_time, pe.due_at,
           'weekly_insights' AS kind, (pe.today - 7)::text AS period,
           jsonb_build_object('weekStart', (pe.today - 7)::text, 'insights', ins.items) AS payload
      FROM win pe
      JOIN companion_job_runs jr ON jr.job = 'weekly-insights' AND jr.period = (pe.today - 7)::text
       AND jr.covered_until >= companion_local_instant(pe.today, '00:00', pe.tz)
      JOIN LATERAL (
        SELECT jsonb_agg(jsonb_build_object('type', wi.insight_type, 'title', wi.title, 'description', wi.description)) AS items
          FROM weekly_insights wi
         WHERE wi.user_id = pe.user_id AND wi.week_start_date = pe.today - 7
      ) ins ON ins.items IS NOT NULL
  )`;

/**
 * Event reminders for events the person is going to: EVENT_LEAD_HOURS before the
 * start, or EVENT_LATE_LEAD_HOURS before when they RSVP'd later than that; stale
 * once the event is about to start. The event's wall time is in its own zone
 * (social_context.timezone, UTC when missing), as in src/core/events.ts.
 */
const eventDue = Prisma.sql`
  due AS (
    SELECT pe.user_id, pe.first_name, pe.tz, pe.prefs, pe.today, pe.local_time, w.due_at,
           'event_reminder' AS kind, e.id::text AS period,
           jsonb_build_object('eventId', e.id, 'title', e.title, 'startsAt', s.starts_at, 'location', e.location) AS payload
      FROM params p
      JOIN events e ON e.is_active IS NOT FALSE
       AND e.date BETWEEN (p.at AT TIME ZONE 'UTC')::date - 2 AND (p.at AT TIME ZONE 'UTC')::date + 3
      JOIN event_attendees ea ON ea.event_id = e.id AND ea.status = 'going'
      JOIN people pe ON pe.user_id = ea.user_id
     CROSS JOIN LATERAL (
       SELECT companion_local_instant(e.date, e.time, companion_user_timezone(jsonb_build_object('timezone', e.social_context->>'timezone'))) AS starts_at
     ) s
     CROSS JOIN LATERAL (
       SELECT CASE WHEN ea.rsvp_at IS NULL OR ea.rsvp_at <= s.starts_at - ${EVENT_LEAD_HOURS}::int * ${HOUR}
                   THEN s.starts_at - ${EVENT_LEAD_HOURS}::int * ${HOUR}
                   ELSE s.starts_at - ${EVENT_LATE_LEAD_HOURS}::int * ${HOUR} END AS due_at
     ) w
     WHERE w.due_at <= p.at
       AND p.at < s.starts_at - ${EVENT_STALE_MINUTES}::int * interval '1 minute'
       AND (ea.rsvp_at IS NULL OR ea.rsvp_at <= w.due_at)
  )`;

const DUE: Record<Exclude<JobName, 'housekeeping'>, Prisma.Sql> = {
  'streak-reminders': streakDue,
  'mission-nudges': missionDue,
  'weekly-insights': weeklyDue,
  'event-reminders': eventDue,
};

/**
 * One statement: who is due for `job` at `p.at`, reachable, not paused, outside
 * quiet hours, and not yet delivered; up to `p.limit` of them claimed for
 * `p.runner` until `p.leaseUntil`. A key claimed by a runner whose lease ran out
 * before it began sending (detail is not SENDING),
 * or failed less than MAX_ATTEMPTS times a while ago, is taken over. Two runners
 * racing on one key meet at its primary key: the second waits for the first's
 * insert and then finds the lease alive, so it claims nothing.
 */
export function claimSql(job: Exclude<JobName, 'housekeeping'>, p: ClaimParams): Prisma.Sql {
  return Prisma.sql`
    WITH params AS (
      SELECT ${p.at}::timestamptz AS at, ${p.now}::timestamptz AS now, ${p.defaultTimezone}::text AS default_tz,
             ${[...p.platforms]}::text[] AS platforms
    ),
    ${job === 'streak-reminders' || job === 'mission-nudges' ? slotted : people},
    ${DUE[job]},
    ready AS (
      SELECT d.user_id, d.kind, d.period, d.due_at, d.first_name, d.tz, d.payload,
             idn.platform, idn.external_id, idn.workspace_id
        FROM due d
       CROSS JOIN params p
        JOIN LATERAL (
          SELECT i.platform, i.external_id, i.workspace_id FROM companion_platform_identities i
           WHERE i.user_id = d.user_id AND i.platform = ANY (p.platforms)
           ORDER BY i.last_seen_at DESC, i.id
           LIMIT 1
        ) idn ON true
        LEFT JOIN companion_nudge_state ns ON ns.user_id = d.user_id
       WHERE NOT companion_nudges_paused(d.prefs, d.today)
         AND NOT companion_in_quiet_hours(d.prefs, d.local_time)
         AND (ns.unreachable_since IS NULL OR companion_interacted_since(d.user_id, ns.unreachable_since))
         AND NOT EXISTS (
               SELECT 1 FROM companion_deliveries x
                WHERE x.user_id = d.user_id AND x.kind = d.kind AND x.period = d.period
                  AND NOT (x.status = 'claimed' AND x.lease_until < p.now AND x.detail IS DISTINCT FROM ${SENDING})
                  AND NOT (x.status = 'failed' AND x.attempts < ${MAX_ATTEMPTS}::int
                           AND x.updated_at < p.now - ${RETRY_FAILED_AFTER_MINUTES}::int * interval '1 minute')
               OFFSET 0)
       ORDER BY d.due_at, d.user_id
       LIMIT ${p.limit}::int
    ),
    claimed AS (
      INSERT INTO companion_deliveries AS c (user_id, kind, period, status, due_at, claimed_by, lease_until, attempts, platform, created_at, updated_at)
      SELECT r.user_id, r.kind, r.period, 'claimed', r.due_at, ${p.runner}::text, ${p.leaseUntil}::timestamptz, 1, r.platform, p.now, p.now
        FROM ready r CROSS JOIN params p
      ON CONFLICT (user_id, kind, period) DO UPDATE
         SET status = 'claimed', claimed_by = EXCLUDED.claimed_by, lease_until = EXCLUDED.lease_until,
             attempts = c.attempts + 1, platform = EXCLUDED.platform, detail = NULL, updated_at = EXCLUDED.updated_at
       WHERE (c.status = 'claimed' AND c.lease_until < EXCLUDED.updated_at AND c.detail IS DISTINCT FROM ${SENDING})
          OR (c.status = 'failed' AND c.attempts < ${MAX_ATTEMPTS}::int
              AND c.updated_at < EXCLUDED.updated_at - ${RETRY_FAILED_AFTER_MINUTES}::int * interval '1 minute')
      RETURNING c.user_id, c.kind, c.period
    )
    SELECT (SELECT count(*) FROM ready)::int AS candidates,
           COALESCE((
             SELECT jsonb_agg(jsonb_build_object(
                      'userId', r.user_id, 'kind', r.kind, 'period', r.period, 'dueAt', r.due_at,
                      'platform', r.platform, 'externalId', r.external_id, 'workspaceId', r.workspace_id,
                      'firstName', r.first_name, 'timezone', r.tz, 'payload', r.payload)
                    ORDER BY r.due_at, r.user_id)
               FROM claimed c JOIN ready r USING (user_id, kind, period)
           ), '[]'::jsonb) AS claimed`;
}

/**
 * The local weeks whose insights are due in the weekly window at `at`, each with
 * the latest local Monday midnight among the people due: a computation run must
 * have started after it.
 */
export function weeklyWeeksDueSql(at: Date, defaultTimezone: string): Prisma.Sql {
  return Prisma.sql`
    WITH params AS (SELECT ${at}::timestamptz AS at, ${defaultTimezone}::text AS default_tz),
    ${people}
    SELECT (pe.today - 7)::text AS week, max(companion_local_instant(pe.today, '00:00', pe.tz)) AS needed
      FROM people pe CROSS JOIN params p
     WHERE extract(isodow FROM pe.today) = 1
       AND companion_local_instant(pe.today, ${WEEKLY_INSIGHTS_TIME}::time, pe.tz) <= p.at
       AND companion_local_instant(pe.today, ${WEEKLY_INSIGHTS_TIME}::time, pe.tz) > p.at - ${WEEKLY_CATCH_UP_HOURS}::int * ${HOUR}
       AND NOT companion_nudges_paused(pe.prefs, pe.today)
     GROUP BY 1`;
}
