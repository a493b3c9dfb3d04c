-- A person's RSVPs by status (weekly insights, event reminders, "my events"): the seed's
-- indexes lead with the event, so without this each person's lookup scans the table.
CREATE INDEX companion_event_attendees_user_status_idx ON event_attendees (user_id, status);
