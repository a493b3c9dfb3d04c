-- When a person last set a mission aside. user_missions has no such column, and its
-- assigned_at, started_at and completed_at keep their seed meanings (completed_at feeds
-- the weekly_progress view), so suggestions rest skipped missions by this table.
CREATE TABLE companion_mission_skips (
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    mission_id UUID NOT NULL REFERENCES missions(id) ON DELETE CASCADE,
    skipped_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (user_id, mission_id)
);
