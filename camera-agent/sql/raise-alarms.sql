-- Cameras among $1 that have not been working for longer than the flap window ($2 ms) get an
-- open alarm (one per camera); an open alarm follows the camera's current state and reason.
-- Each newly raised alarm is also sent as NOTIFY camera_alarm {"id","cameraId","state","reason"}
-- (delivered at COMMIT), so the command center shows it without waiting for its poll.
WITH up AS (
  INSERT INTO camera_alarms AS a (camera_id, state, reason, raised_at)
  SELECT s.camera_id, s.state, s.reason, s.since
  FROM camera_status s
  WHERE s.camera_id = ANY ($1::bigint[]) AND NOT s.working
    AND s.since <= $3::timestamptz - make_interval(secs => $2::double precision / 1000)
  ON CONFLICT (camera_id) WHERE cleared_at IS NULL DO UPDATE
  SET state = EXCLUDED.state, reason = EXCLUDED.reason
  RETURNING a.id, a.camera_id, a.state, a.reason, (a.xmax = 0) AS raised
)
SELECT count(*) FILTER (WHERE raised)::int AS raised,
  count(pg_notify('camera_alarm', json_build_object('id', id, 'cameraId', camera_id, 'state', state, 'reason', reason)::text))
    FILTER (WHERE raised)::int AS notified
FROM up
