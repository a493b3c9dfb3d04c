-- The seed schema's trigger functions, triggers and views, verbatim.
-- update_journal_streak() is a placeholder here; a later migration gives it a real body.

-- Update user points when missions are completed
CREATE OR REPLACE FUNCTION update_user_points()
RETURNS TRIGGER AS $$
BEGIN
    IF NEW.status = 'completed' AND OLD.status != 'completed' THEN
        UPDATE users 
        SET total_points = total_points + (SELECT points FROM missions WHERE id = NEW.mission_id)
        WHERE id = NEW.user_id;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER trigger_update_user_points
    AFTER UPDATE ON user_missions
    FOR EACH ROW
    EXECUTE FUNCTION update_user_points();

-- Update user streak when journal entries are created
CREATE OR REPLACE FUNCTION update_journal_streak()
RETURNS TRIGGER AS $$
BEGIN
    -- Logic to calculate and update streak
    UPDATE users 
    SET streak_days = (
        SELECT COUNT(DISTINCT DATE(created_at))
        FROM journal_entries 
        WHERE user_id = NEW.user_id 
        AND created_at >= CURRENT_DATE - INTERVAL '30 days'
    )
    WHERE id = NEW.user_id;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER trigger_update_journal_streak
    AFTER INSERT ON journal_entries
    FOR EACH ROW
    EXECUTE FUNCTION update_journal_streak();

-- User dashboard summary view
CREATE VIEW user_dashboard_summary AS
SELECT 
    u.id,
    u.username,
    u.confidence_level,
    u.total_points,
    u.streak_days,
    COUNT(DISTINCT je.id) as total_journal_entries,
    COUNT(DISTINCT um.id) FILTER (WHERE um.status = 'completed') as completed_missions,
    COUNT(DISTINCT ea.id) FILTER (WHERE ea.status = 'attended') as events_attended,
    COUNT(DISTINCT ua.id) as achievements_earned
FROM users u
LEFT JOIN journal_entries je ON u.id = je.user_id
LEFT JOIN user_missions um ON u.id = um.user_id
LEFT JOIN event_attendees ea ON u.id = ea.user_id
LEFT JOIN user_achievements ua ON u.id = ua.user_id
GROUP BY u.id, u.username, u.confidence_level, u.total_points, u.streak_days;

-- Weekly progress view
CREATE VIEW weekly_progress AS
SELECT 
    u.id as user_id,
    DATE_TRUNC('week', pt.tracking_date) as week_start,
    AVG(pt.confidence_level) as avg_confidence,
    SUM(pt.activities_completed) as total_activities,
    SUM(pt.points_earned) as total_points,
    COUNT(DISTINCT je.id) as journal_entries,
    COUNT(DISTINCT um.id) FILTER (WHERE um.status = 'completed') as missions_completed
FROM users u
LEFT JOIN progress_tracking pt ON u.id = pt.user_id
LEFT JOIN journal_entries je ON u.id = je.user_id 
    AND je.created_at >= DATE_TRUNC('week', pt.tracking_date)
    AND je.created_at < DATE_TRUNC('week', pt.tracking_date) + INTERVAL '1 week'
LEFT JOIN user_missions um ON u.id = um.user_id 
    AND um.completed_at >= DATE_TRUNC('week', pt.tracking_date)
    AND um.completed_at < DATE_TRUNC('week', pt.tracking_date) + INTERVAL '1 week'
GROUP BY u.id, DATE_TRUNC('week', pt.tracking_date);
