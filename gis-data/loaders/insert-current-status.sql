-- Each generated camera's current verdict is the last event of its history (cameras removed by
-- then have none), as the agent would have left it: since = that event, last poll = $1.
INSERT INTO camera_status (camera_id, state, since, reason, last_poll_at)
SELECT DISTINCT ON (e.camera_id) e.camera_id, e.state, e.at, e.reason, $1::timestamptz
FROM camera_status_events e
JOIN cameras c ON c.id = e.camera_id
WHERE c.removal_date IS NULL OR c.removal_date > $1::timestamptz
ORDER BY e.camera_id, e.at DESC, e.id DESC
ON CONFLICT (camera_id) DO NOTHING
