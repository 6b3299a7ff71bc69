SELECT c.id::bigint AS "cameraId", c.device_id AS "deviceId", coalesce(s.state, 'UNKNOWN') AS state, coalesce(s.reason, '') AS reason, s.since
FROM cameras c LEFT JOIN camera_status s ON s.camera_id = c.id
WHERE c.device_id = $1
