-- Alarms, unacknowledged first, then newest first (raised_at, id), a page of $2 from offset $3,
-- with the total of all matching rows. Filters (NULL = any): $1 only open (not cleared) ones,
-- $4 only unacknowledged, $5 states (text[]), $6 admin area code (the camera's area is it or lies
-- in it), $7/$8 raised at or after / before. durationS: how long a cleared alarm's outage lasted.
WITH RECURSIVE area AS (
  SELECT id FROM admin_areas WHERE code = $6::text
  UNION ALL
  SELECT a.id FROM admin_areas a JOIN area ON a.parent_id = area.id
),
hits AS (
  SELECT a.*, count(*) OVER () AS total
  FROM camera_alarms a
  JOIN cameras c ON c.id = a.camera_id
  WHERE (NOT $1::boolean OR a.cleared_at IS NULL)
    AND (NOT $4::boolean OR a.acknowledged_at IS NULL)
    AND ($5::text[] IS NULL OR a.state = ANY ($5::text[]))
    AND ($6::text IS NULL OR c.admin_area_id IN (SELECT id FROM area))
    AND ($7::timestamptz IS NULL OR a.raised_at >= $7::timestamptz)
    AND ($8::timestamptz IS NULL OR a.raised_at < $8::timestamptz)
  ORDER BY (a.acknowledged_at IS NULL) DESC, a.raised_at DESC, a.id DESC
  LIMIT $2 OFFSET $3
)
SELECT h.id::bigint AS id, h.camera_id::bigint AS "cameraId", c.device_id AS "deviceId", c.name AS "cameraName",
  ar.code AS "areaCode", ar.name AS "areaName", ST_X(c.geom) AS lon, ST_Y(c.geom) AS lat,
  h.state, h.reason, h.raised_at AS "raisedAt", h.cleared_at AS "clearedAt",
  extract(epoch FROM h.cleared_at - h.raised_at)::float8 AS "durationS",
  h.acknowledged_at AS "acknowledgedAt", h.acknowledged_by AS "acknowledgedBy", h.ack_note AS "ackNote", h.total::int AS total
FROM hits h
JOIN cameras c ON c.id = h.camera_id
LEFT JOIN admin_areas ar ON ar.id = c.admin_area_id
ORDER BY (h.acknowledged_at IS NULL) DESC, h.raised_at DESC, h.id DESC
