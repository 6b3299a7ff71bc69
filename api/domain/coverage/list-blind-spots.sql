-- Ranked blind spots: the most important first (priority × size; m of road weigh like m² / 10
-- so a 50 m road gap ranks with a 500 m² hole). $1 mode, $2 class or NULL, $3 area code or NULL
-- (the area and everything under it), $4 limit, $5 offset.
WITH RECURSIVE sub (id) AS (
  SELECT id FROM admin_areas WHERE code = $3
  UNION ALL
  SELECT a.id FROM admin_areas a JOIN sub ON a.parent_id = sub.id
)
SELECT b.id::int AS id, b.target_id::int AS target_id, t.name AS target_name, b.class, b.reason, b.measure,
       b.priority, a.code AS area_code, a.name AS area_name,
       ST_AsGeoJSON(b.geom, 7)::json AS geometry,
       ST_X(ST_PointOnSurface(b.geom)) AS lon, ST_Y(ST_PointOnSurface(b.geom)) AS lat,
       count(*) OVER () AS total
FROM coverage_blind_spots b
JOIN targets t ON t.id = b.target_id
LEFT JOIN admin_areas a ON a.id = b.admin_area_id
WHERE b.mode = $1 AND ($2::text IS NULL OR b.class = $2)
  AND ($3::text IS NULL OR b.admin_area_id IN (SELECT id FROM sub))
ORDER BY b.priority * CASE WHEN ST_Dimension(b.geom) = 1 THEN b.measure * 10 ELSE b.measure END DESC, b.id
LIMIT $4 OFFSET $5
