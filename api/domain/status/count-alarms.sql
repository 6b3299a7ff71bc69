-- How many alarms match the filters of list-alarms.sql, for a page past the end (which has no row
-- to carry the total). $1 only open, $2 only unacknowledged, $3 states (text[]), $4 admin area
-- code, $5/$6 raised at or after / before; NULL = any.
WITH RECURSIVE area AS (
  SELECT id FROM admin_areas WHERE code = $4::text
  UNION ALL
  SELECT a.id FROM admin_areas a JOIN area ON a.parent_id = area.id
)
SELECT count(*)::int AS total
FROM camera_alarms a
JOIN cameras c ON c.id = a.camera_id
WHERE (NOT $1::boolean OR a.cleared_at IS NULL)
  AND (NOT $2::boolean OR a.acknowledged_at IS NULL)
  AND ($3::text[] IS NULL OR a.state = ANY ($3::text[]))
  AND ($4::text IS NULL OR c.admin_area_id IN (SELECT id FROM area))
  AND ($5::timestamptz IS NULL OR a.raised_at >= $5::timestamptz)
  AND ($6::timestamptz IS NULL OR a.raised_at < $6::timestamptz)
