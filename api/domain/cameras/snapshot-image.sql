-- The latest stored snapshot with its bytes, for a camera by device id; no row when none.
SELECT c.id AS "cameraId", c.device_id AS "deviceId", s.taken_at AS "takenAt", s.stored_at AS "storedAt",
  octet_length(s.jpeg)::int AS bytes, s.width, s.height, s.picture_reason AS "pictureReason", s.jpeg
FROM cameras c
JOIN camera_snapshots s ON s.camera_id = c.id
WHERE c.device_id = $1
