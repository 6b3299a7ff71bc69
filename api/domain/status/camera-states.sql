-- Stored state per camera in service today (installed, or date unknown, and not removed), by
-- camera id after a cursor ($2), optionally one state ($1); UNKNOWN = never polled.
SELECT c.id::bigint AS "cameraId", c.device_id AS "deviceId", c.name,
  coalesce(s.state, 'UNKNOWN') AS state, coalesce(s.reason, '') AS reason, s.since, s.last_poll_at AS "lastPollAt",
  coalesce(s.online, false) AS online, coalesce(s.working, false) AS working,
  p.clock_offset_ms AS "clockOffsetMs", p.latency_ms AS "latencyMs", p.model, p.firmware, p.serial
FROM cameras c
LEFT JOIN camera_status s ON s.camera_id = c.id
LEFT JOIN camera_poll_state p ON p.camera_id = c.id
WHERE (c.install_date IS NULL OR c.install_date <= (SELECT xl_today())) AND (c.removal_date IS NULL OR c.removal_date > (SELECT xl_today()))
  AND ($1::text IS NULL OR coalesce(s.state, 'UNKNOWN') = $1)
  AND c.id > $2
ORDER BY c.id
LIMIT $3
