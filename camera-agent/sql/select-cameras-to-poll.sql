-- Cameras for an immediate poll (`xueliang poll --once`): all with an ONVIF address, or one ($1).
SELECT c.id::bigint AS "cameraId", c.device_id AS "deviceId", c.onvif_url AS "onvifUrl",
  c.onvif_user AS "onvifUser", c.onvif_password_enc AS "passwordEnc",
  extract(epoch FROM now()) * 1000 AS "dueAtMs",
  extract(epoch FROM p.last_snapshot_at) * 1000 AS "lastSnapshotAtMs",
  p.auth_scheme AS "authScheme", p.uri_cache AS "uriCache", coalesce(p.memory, '{"failures":0}') AS memory
FROM cameras c
LEFT JOIN camera_poll_state p ON p.camera_id = c.id
WHERE c.onvif_url IS NOT NULL AND c.removal_date IS NULL AND ($1::text IS NULL OR c.device_id = $1)
ORDER BY c.id
