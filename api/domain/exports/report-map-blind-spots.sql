-- The stored design blind spots of one area ($1 admin_areas id) and everything under it, with
-- their reasons, in planar metres, simplified with tolerance $2 (m); largest first, so the small
-- ones (drawn as dots) lie on top.
WITH RECURSIVE sub (id) AS (
  SELECT $1::int
  UNION ALL
  SELECT a.id FROM admin_areas a JOIN sub ON a.parent_id = sub.id
)
SELECT b.reason, ST_AsGeoJSON(ST_Simplify(b.geom_m, $2::float8, true), 1)::json AS geometry
FROM coverage_blind_spots b
WHERE b.mode = 'design' AND b.admin_area_id IN (SELECT id FROM sub)
ORDER BY b.measure DESC, b.id
