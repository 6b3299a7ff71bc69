-- Cameras among $1 that have not been working for longer than the flap window ($2 ms) get an
-- open alarm (one per camera); an open alarm follows the camera's current state and reason.
INSERT INTO camera_alarms AS a (camera_id, state, reason, raised_at)
SELECT s.camera_id, s.state, s.reason, s.since
FROM camera_status s
WHERE s.camera_id = ANY ($1::bigint[]) AND NOT s.working
  AND s.since <= $3::timestamptz - make_interval(secs => $2::double precision / 1000)
ON CONFLICT (camera_id) WHERE cleared_at IS NULL DO UPDATE
SET state = EXCLUDED.state, reason = EXCLUDED.reason
