-- Claims up to $2 due cameras for agent $1 with a lease of $3 ms. SKIP LOCKED lets several
-- agents claim at once without waiting on each other; an expired lease (a dead agent) is free.
-- $4: cameras this agent is still polling (never claimed twice).
WITH due AS (
  SELECT camera_id FROM camera_poll_state
  WHERE next_due_at <= now() AND (lease_expires_at IS NULL OR lease_expires_at < now())
    AND NOT (camera_id = ANY ($4::bigint[]))
  ORDER BY next_due_at
  LIMIT $2
  FOR UPDATE SKIP LOCKED
)
UPDATE camera_poll_state p
SET lease_owner = $1, lease_expires_at = now() + make_interval(secs => $3::double precision / 1000)
FROM due, cameras c
WHERE p.camera_id = due.camera_id AND c.id = p.camera_id
RETURNING p.camera_id::bigint AS "cameraId", c.device_id AS "deviceId", c.onvif_url AS "onvifUrl",
  c.onvif_user AS "onvifUser", c.onvif_password_enc AS "passwordEnc",
  extract(epoch FROM p.next_due_at) * 1000 AS "dueAtMs",
  extract(epoch FROM p.last_snapshot_at) * 1000 AS "lastSnapshotAtMs",
  p.auth_scheme AS "authScheme", p.uri_cache AS "uriCache", p.memory
