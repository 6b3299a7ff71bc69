-- Alarms newest first (id below cursor $3); $1 = only open (not cleared) ones, $4 = only unacknowledged.
SELECT a.id::bigint AS id, a.camera_id::bigint AS "cameraId", c.device_id AS "deviceId", c.name AS "cameraName",
  a.state, a.reason, a.raised_at AS "raisedAt", a.cleared_at AS "clearedAt",
  a.acknowledged_at AS "acknowledgedAt", a.acknowledged_by AS "acknowledgedBy", a.ack_note AS "ackNote"
FROM camera_alarms a
JOIN cameras c ON c.id = a.camera_id
WHERE (NOT $1::boolean OR a.cleared_at IS NULL)
  AND (NOT $4::boolean OR a.acknowledged_at IS NULL)
  AND a.id < $3
ORDER BY a.id DESC
LIMIT $2
