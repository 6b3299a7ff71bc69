-- Cameras whose device id starts with $1 or whose name contains it (case-insensitive), device-id
-- matches and then exact names first, at most $2; with position and stored state for the top
-- bar's search (fly to the camera, open its card).
SELECT c.device_id AS "deviceId", coalesce(c.name, '') AS name, ST_X(c.geom) AS lon, ST_Y(c.geom) AS lat,
  coalesce(s.state, 'UNKNOWN') AS state
FROM cameras c
LEFT JOIN camera_status s ON s.camera_id = c.id
WHERE c.device_id LIKE $1 || '%' OR c.name ILIKE '%' || $1 || '%'
ORDER BY (c.device_id LIKE $1 || '%') DESC, (lower(c.name) = lower($1)) DESC, c.name, c.device_id
LIMIT $2
