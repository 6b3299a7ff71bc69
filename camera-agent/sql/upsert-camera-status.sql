-- The latest verdict per camera; `since` is decided by the agent (it changes only with the state).
INSERT INTO camera_status (camera_id, state, since, reason, last_poll_at, updated_at)
SELECT u.camera_id, u.state, u.since, u.reason, u.polled_at, now()
FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::text[], $5::timestamptz[]) AS u(camera_id, state, since, reason, polled_at)
ON CONFLICT (camera_id) DO UPDATE
SET state = EXCLUDED.state, since = EXCLUDED.since, reason = EXCLUDED.reason, last_poll_at = EXCLUDED.last_poll_at, updated_at = now()
WHERE camera_status.last_poll_at <= EXCLUDED.last_poll_at
