-- Scheduler (src/scheduler): what counts as the person interacting again since instant t, for
-- back-off and for reachability after closed DMs. resolveUser refreshes an identity's
-- last_seen_at at most hourly, so a button press or a message within that hour would not move
-- it: their own activity counts too (a settings change or a reminders button touches
-- users.updated_at; journal entries, moods and missions carry their own times). Each check is
-- one lookup on an existing index.
CREATE FUNCTION companion_interacted_since(uid UUID, t TIMESTAMPTZ) RETURNS BOOLEAN
LANGUAGE sql STABLE AS $$
    SELECT t IS NULL
        OR EXISTS (SELECT 1 FROM companion_platform_identities i WHERE i.user_id = uid AND i.last_seen_at > t)
        OR EXISTS (SELECT 1 FROM users u WHERE u.id = uid AND u.updated_at > t)
        OR EXISTS (SELECT 1 FROM journal_entries j WHERE j.user_id = uid AND j.created_at > t)
        OR EXISTS (SELECT 1 FROM mood_tracking m WHERE m.user_id = uid AND m.recorded_at > t)
        OR EXISTS (SELECT 1 FROM user_missions um WHERE um.user_id = uid
                      AND GREATEST(um.started_at, um.completed_at) > t)
        OR EXISTS (SELECT 1 FROM companion_mission_skips s WHERE s.user_id = uid AND s.skipped_at > t);
$$;

-- Who is near their reminder time: by zone spelling and local reminder time, so each minute's
-- streak and mission query reads the people whose reminder falls in the catch-up window from
-- this index instead of evaluating everyone (src/scheduler/jobs.ts, `slotted`). The
-- expressions must stay exactly as the query spells them; '19:00' is DEFAULT_REMINDER_TIME.
CREATE INDEX companion_users_reminder_slot_idx ON users
    ((COALESCE(preferences->>'timezone', '')), (companion_pref_time(preferences->>'reminder_time', '19:00'::time)))
    WHERE is_active IS NOT FALSE;
