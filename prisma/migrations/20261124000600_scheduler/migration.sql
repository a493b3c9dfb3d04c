-- Scheduled nudges (src/scheduler): delivery keys claimed before sending, per-person nudge
-- state for back-off and reachability, and once-per-period runs of set-based work.

-- One row per delivery key (user, kind, period), inserted to claim it before the DM is sent.
-- A claim carries a lease: a runner that crashed leaves a claim whose lease runs out, and the
-- next runner takes it over while the delivery is still relevant. 'skipped' and 'sent' are final.
CREATE TABLE companion_deliveries (
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind VARCHAR(30) NOT NULL
        CHECK (kind IN ('streak_reminder', 'mission_nudge', 'weekly_insights', 'event_reminder', 'fewer_reminders')),
    -- The local date, '<mission id>:<local date>', the week's Monday, the event id, or 'once'.
    period VARCHAR(100) NOT NULL,
    status VARCHAR(10) NOT NULL DEFAULT 'claimed' CHECK (status IN ('claimed', 'sent', 'skipped', 'failed')),
    due_at TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_by VARCHAR(100),
    lease_until TIMESTAMP WITH TIME ZONE,
    attempts INTEGER NOT NULL DEFAULT 0,
    -- Why a delivery was skipped or failed: 'unreachable', a platform error code.
    detail VARCHAR(100),
    platform VARCHAR(20),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    sent_at TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (user_id, kind, period)
);
CREATE INDEX companion_deliveries_open_idx ON companion_deliveries (lease_until) WHERE status IN ('claimed', 'failed');

-- What the scheduler knows about a person's nudges. nudges_since_contact counts nudges sent
-- since they last interacted (identity last_seen_at or a journal entry later than last_nudge_at);
-- unreachable_since holds while no identity was seen after it.
CREATE TABLE companion_nudge_state (
    user_id UUID PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    nudges_since_contact INTEGER NOT NULL DEFAULT 0,
    last_nudge_at TIMESTAMP WITH TIME ZONE,
    -- When the one "want fewer reminders?" question was sent, and what they chose.
    fewer_asked_at TIMESTAMP WITH TIME ZONE,
    -- "Fewer, please": at most one nudge every this many days.
    min_gap_days INTEGER NOT NULL DEFAULT 1 CHECK (min_gap_days BETWEEN 1 AND 30),
    unreachable_since TIMESTAMP WITH TIME ZONE,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Set-based work done once per period by whichever runner claims it (weekly insights).
CREATE TABLE companion_job_runs (
    job VARCHAR(50) NOT NULL,
    period VARCHAR(50) NOT NULL,
    claimed_by VARCHAR(100),
    lease_until TIMESTAMP WITH TIME ZONE,
    -- The clock instant the last finished run started at: data up to then is covered.
    covered_until TIMESTAMP WITH TIME ZONE,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (job, period)
);

-- The person's zone, as readSettings and the weekly insights read it: theirs when Postgres
-- knows it, else the default (unset, blank or unknown). One check per person, since jobs
-- call it for everyone every minute.
CREATE FUNCTION companion_effective_timezone(prefs JSONB, default_tz TEXT) RETURNS TEXT
LANGUAGE plpgsql STABLE AS $$
DECLARE
    tz TEXT := NULLIF(btrim(prefs->>'timezone'), '');
BEGIN
    IF tz IS NULL THEN
        RETURN default_tz;
    END IF;
    PERFORM now() AT TIME ZONE tz;
    RETURN tz;
EXCEPTION WHEN invalid_parameter_value THEN
    RETURN default_tz;
END;
$$;

-- The instant local wall time d + t happens in tz. A time skipped by a spring-forward gap
-- happens at the first valid instant after it (the transition); a time repeated by a
-- fall-back happens once (Postgres takes the later, standard-time reading).
CREATE FUNCTION companion_local_instant(d DATE, t TIME, tz TEXT) RETURNS TIMESTAMPTZ
LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN (((d + t) AT TIME ZONE tz) AT TIME ZONE tz) = (d + t)
                THEN (d + t) AT TIME ZONE tz
                -- Postgres reads a skipped time with the offset before the gap, landing after
                -- it by the gap's length; the hour it lands in starts at the transition.
                ELSE date_trunc('hour', ((d + t) AT TIME ZONE tz) AT TIME ZONE tz) AT TIME ZONE tz END;
$$;

-- A 'HH:MM' preference as a time, or the fallback when missing or malformed.
CREATE FUNCTION companion_pref_time(value TEXT, fallback TIME) RETURNS TIME
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN value ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' THEN value::time ELSE fallback END;
$$;

-- Whether local time t falls in the person's quiet hours ({start, end}, possibly overnight).
CREATE FUNCTION companion_in_quiet_hours(prefs JSONB, t TIME) RETURNS BOOLEAN
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN q.s IS NULL OR q.e IS NULL OR q.s = q.e THEN false
        WHEN q.s < q.e THEN t >= q.s AND t < q.e
        ELSE t >= q.s OR t < q.e END
    FROM (SELECT companion_pref_time(prefs->'quiet_hours'->>'start', NULL) AS s,
                 companion_pref_time(prefs->'quiet_hours'->>'end', NULL) AS e) q;
$$;

-- Whether scheduled messages are off on local day d: nudges turned off, or snoozed through d.
CREATE FUNCTION companion_nudges_paused(prefs JSONB, d DATE) RETURNS BOOLEAN
LANGUAGE sql IMMUTABLE AS $$
    SELECT COALESCE(prefs->>'nudges_enabled', '') = 'false'
        OR (COALESCE(prefs->>'snooze_until', '') ~ '^\d{4}-\d{2}-\d{2}$'
            AND (prefs->>'snooze_until') >= to_char(d, 'YYYY-MM-DD'));
$$;
