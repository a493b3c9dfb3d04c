-- A real journaling streak, replacing the seed's placeholder body of update_journal_streak().
--
-- streak_days    = consecutive calendar days with at least one journal entry, ending today or
--                  yesterday, days counted in the user's time zone (preferences->>'timezone',
--                  UTC when unset or unknown);
-- longest_streak = the longest such run ever seen (never lowered).
--
-- The maximal runs of consecutive days are kept per user in companion_journal_streak_runs, so a
-- new entry costs a few index lookups whatever the length of the user's history, and an entry
-- that arrives out of order (a backfill) simply fills its day, joining the runs on either side.

CREATE TABLE companion_journal_streak_runs (
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,
    PRIMARY KEY (user_id, start_date),
    UNIQUE (user_id, end_date),
    CHECK (start_date <= end_date)
);

-- The user's time zone for counting days: UTC when unset or not a zone Postgres knows.
CREATE FUNCTION companion_user_timezone(prefs JSONB) RETURNS TEXT
LANGUAGE plpgsql STABLE AS $$
DECLARE
    tz TEXT := NULLIF(btrim(prefs->>'timezone'), '');
BEGIN
    IF tz IS NULL THEN
        RETURN 'UTC';
    END IF;
    PERFORM now() AT TIME ZONE tz;
    RETURN tz;
EXCEPTION WHEN invalid_parameter_value THEN
    RETURN 'UTC';
END;
$$;

-- The current streak: the length of the run that ends today or yesterday in tz, else 0.
CREATE FUNCTION companion_current_streak(p_user UUID, tz TEXT) RETURNS INTEGER
LANGUAGE sql STABLE AS $$
    SELECT COALESCE((
        SELECT r.end_date - r.start_date + 1
        FROM companion_journal_streak_runs r
        WHERE r.user_id = p_user
          AND r.end_date >= (now() AT TIME ZONE tz)::date - 1
          AND r.start_date <= (now() AT TIME ZONE tz)::date
        ORDER BY r.end_date
        LIMIT 1
    ), 0);
$$;

-- Marks p_day as journaled and returns the length of the run that now contains it.
CREATE FUNCTION companion_streak_add_day(p_user UUID, p_day DATE) RETURNS INTEGER
LANGUAGE plpgsql AS $$
DECLARE
    before_run companion_journal_streak_runs;
    after_run companion_journal_streak_runs;
BEGIN
    -- Runs are disjoint, so the only run that can hold p_day is the last one starting on or before it.
    SELECT * INTO before_run FROM companion_journal_streak_runs
    WHERE user_id = p_user AND start_date <= p_day
    ORDER BY start_date DESC LIMIT 1;
    IF before_run.end_date >= p_day THEN
        RETURN before_run.end_date - before_run.start_date + 1;
    END IF;

    SELECT * INTO after_run FROM companion_journal_streak_runs
    WHERE user_id = p_user AND start_date = p_day + 1;

    IF before_run.end_date = p_day - 1 AND after_run.start_date IS NOT NULL THEN
        DELETE FROM companion_journal_streak_runs WHERE user_id = p_user AND start_date = after_run.start_date;
        UPDATE companion_journal_streak_runs SET end_date = after_run.end_date
        WHERE user_id = p_user AND start_date = before_run.start_date;
        RETURN after_run.end_date - before_run.start_date + 1;
    ELSIF before_run.end_date = p_day - 1 THEN
        UPDATE companion_journal_streak_runs SET end_date = p_day
        WHERE user_id = p_user AND start_date = before_run.start_date;
        RETURN p_day - before_run.start_date + 1;
    ELSIF after_run.start_date IS NOT NULL THEN
        UPDATE companion_journal_streak_runs SET start_date = p_day
        WHERE user_id = p_user AND start_date = after_run.start_date;
        RETURN after_run.end_date - p_day + 1;
    END IF;
    INSERT INTO companion_journal_streak_runs (user_id, start_date, end_date) VALUES (p_user, p_day, p_day);
    RETURN 1;
END;
$$;

-- Marks p_day as no longer journaled, splitting the run that held it.
CREATE FUNCTION companion_streak_remove_day(p_user UUID, p_day DATE) RETURNS VOID
LANGUAGE plpgsql AS $$
DECLARE
    run companion_journal_streak_runs;
BEGIN
    SELECT * INTO run FROM companion_journal_streak_runs
    WHERE user_id = p_user AND start_date <= p_day
    ORDER BY start_date DESC LIMIT 1;
    IF run.end_date IS NULL OR run.end_date < p_day THEN
        RETURN;
    END IF;
    DELETE FROM companion_journal_streak_runs WHERE user_id = p_user AND start_date = run.start_date;
    IF run.start_date < p_day THEN
        INSERT INTO companion_journal_streak_runs VALUES (p_user, run.start_date, p_day - 1);
    END IF;
    IF run.end_date > p_day THEN
        INSERT INTO companion_journal_streak_runs VALUES (p_user, p_day + 1, run.end_date);
    END IF;
END;
$$;

-- Rebuilds one user's runs from all of their entries: used once below for existing data and
-- when the user's time zone changes (their days move). Costs their whole history, rarely.
CREATE FUNCTION companion_rebuild_streak(p_user UUID) RETURNS VOID
LANGUAGE plpgsql AS $$
DECLARE
    tz TEXT;
BEGIN
    SELECT companion_user_timezone(preferences) INTO tz FROM users WHERE id = p_user FOR UPDATE;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    DELETE FROM companion_journal_streak_runs WHERE user_id = p_user;
    INSERT INTO companion_journal_streak_runs (user_id, start_date, end_date)
    SELECT p_user, min(day), max(day)
    FROM (
        SELECT day, day - (row_number() OVER (ORDER BY day))::integer AS island
        FROM (
            SELECT DISTINCT (created_at AT TIME ZONE tz)::date AS day
            FROM journal_entries
            WHERE user_id = p_user AND created_at IS NOT NULL
        ) days
    ) numbered
    GROUP BY island;
    UPDATE users SET
        streak_days = companion_current_streak(p_user, tz),
        longest_streak = GREATEST(COALESCE(longest_streak, 0), COALESCE((
            SELECT max(end_date - start_date + 1) FROM companion_journal_streak_runs WHERE user_id = p_user
        ), 0))
    WHERE id = p_user;
END;
$$;

-- Records a journal entry of p_user written at p_at in their streak.
CREATE FUNCTION companion_streak_record_entry(p_user UUID, p_at TIMESTAMPTZ) RETURNS VOID
LANGUAGE plpgsql AS $$
DECLARE
    tz TEXT;
    run_length INTEGER;
BEGIN
    -- Locking the user serialises concurrent entries of one user, so runs stay disjoint.
    SELECT companion_user_timezone(preferences) INTO tz FROM users WHERE id = p_user FOR UPDATE;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    run_length := companion_streak_add_day(p_user, (p_at AT TIME ZONE tz)::date);
    UPDATE users SET
        streak_days = companion_current_streak(p_user, tz),
        longest_streak = GREATEST(COALESCE(longest_streak, 0), run_length)
    WHERE id = p_user;
END;
$$;

-- The seed's trigger (AFTER INSERT ON journal_entries) keeps calling this function.
CREATE OR REPLACE FUNCTION update_journal_streak()
RETURNS TRIGGER AS $$
BEGIN
    IF NEW.user_id IS NOT NULL AND NEW.created_at IS NOT NULL THEN
        PERFORM companion_streak_record_entry(NEW.user_id, NEW.created_at);
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

-- A deleted entry, or one moved to another time or user, may leave its old day empty.
CREATE FUNCTION companion_journal_streak_on_change()
RETURNS TRIGGER AS $$
DECLARE
    tz TEXT;
    old_day DATE;
BEGIN
    IF OLD.user_id IS NOT NULL AND OLD.created_at IS NOT NULL THEN
        SELECT companion_user_timezone(preferences) INTO tz FROM users WHERE id = OLD.user_id FOR UPDATE;
        -- Not found: the user is being deleted, and their runs go with them.
        IF FOUND THEN
            old_day := (OLD.created_at AT TIME ZONE tz)::date;
            IF NOT EXISTS (
                SELECT 1 FROM journal_entries
                WHERE user_id = OLD.user_id
                  AND created_at >= (old_day::timestamp AT TIME ZONE tz)
                  AND created_at < ((old_day + 1)::timestamp AT TIME ZONE tz)
            ) THEN
                PERFORM companion_streak_remove_day(OLD.user_id, old_day);
                UPDATE users SET streak_days = companion_current_streak(OLD.user_id, tz) WHERE id = OLD.user_id;
            END IF;
        END IF;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        IF NEW.user_id IS NOT NULL AND NEW.created_at IS NOT NULL THEN
            PERFORM companion_streak_record_entry(NEW.user_id, NEW.created_at);
        END IF;
        RETURN NEW;
    END IF;
    RETURN OLD;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER companion_journal_streak_on_delete
    AFTER DELETE ON journal_entries
    FOR EACH ROW
    EXECUTE FUNCTION companion_journal_streak_on_change();

CREATE TRIGGER companion_journal_streak_on_move
    AFTER UPDATE OF user_id, created_at ON journal_entries
    FOR EACH ROW
    WHEN (OLD.user_id IS DISTINCT FROM NEW.user_id OR OLD.created_at IS DISTINCT FROM NEW.created_at)
    EXECUTE FUNCTION companion_journal_streak_on_change();

-- A new time zone moves the user's days: rebuild their runs.
CREATE FUNCTION companion_streak_on_timezone_change()
RETURNS TRIGGER AS $$
BEGIN
    PERFORM companion_rebuild_streak(NEW.id);
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER companion_streak_on_timezone_change
    AFTER UPDATE OF preferences ON users
    FOR EACH ROW
    WHEN (companion_user_timezone(OLD.preferences) IS DISTINCT FROM companion_user_timezone(NEW.preferences))
    EXECUTE FUNCTION companion_streak_on_timezone_change();

-- Existing entries (a database the Extrovertly app already filled) get their runs now.
SELECT companion_rebuild_streak(u.id)
FROM users u
WHERE EXISTS (SELECT 1 FROM journal_entries j WHERE j.user_id = u.id);
