-- Streak freezes (README, "Streak freezes"): a held freeze covers a missed day so a streak
-- survives it. Frozen days count in the streak runs like journaled days.

CREATE TABLE companion_streak_freezes (
    user_id UUID PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    held INTEGER NOT NULL DEFAULT 0 CHECK (held BETWEEN 0 AND 2),
    -- The run the last freeze was earned in, and how many 7-day milestones of it have paid out.
    run_start DATE,
    milestones_paid INTEGER NOT NULL DEFAULT 0,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE companion_streak_frozen_days (
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    day DATE NOT NULL,
    used_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (user_id, day)
);

-- Rebuilding runs (time zone change) keeps the frozen days.
CREATE OR REPLACE FUNCTION companion_rebuild_streak(p_user UUID) RETURNS VOID
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
            SELECT (created_at AT TIME ZONE tz)::date AS day
            FROM journal_entries
            WHERE user_id = p_user AND created_at IS NOT NULL
            UNION
            SELECT day FROM companion_streak_frozen_days WHERE user_id = p_user
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

-- A day stays in the runs while it has an entry or was frozen.
CREATE OR REPLACE FUNCTION companion_journal_streak_on_change()
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
            ) AND NOT EXISTS (
                SELECT 1 FROM companion_streak_frozen_days WHERE user_id = OLD.user_id AND day = old_day
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
