-- Status changes, in the order the agent saw them, each also sent as NOTIFY camera_status with
-- the payload pinned in docs/contracts.md (delivered when the transaction commits).
WITH ins AS (
  INSERT INTO camera_status_events (camera_id, state, previous_state, reason, at)
  SELECT u.camera_id, u.state, u.previous_state, u.reason, u.at
  FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) WITH ORDINALITY AS u(camera_id, state, previous_state, reason, at, n)
  ORDER BY u.n
  RETURNING 1
)
SELECT count(*)::int AS inserted, (SELECT count(pg_notify('camera_status', p)) FROM unnest($6::text[]) AS p)::int AS notified FROM ins
