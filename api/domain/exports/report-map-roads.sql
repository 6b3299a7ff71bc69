-- The main roads (targets of class road) inside one area ($1 admin_areas id), cut at its boundary,
-- in planar metres, simplified with tolerance $2 (m).
WITH a AS (
  SELECT geom, ST_Transform(geom, xl_metric_srid()) AS g FROM admin_areas WHERE id = $1
)
SELECT ST_AsGeoJSON(ST_Simplify(ST_Intersection(ST_Transform(t.geom, xl_metric_srid()), a.g), $2::float8, true), 1)::json AS geometry
FROM targets t, a
WHERE t.class = 'road' AND t.geom && a.geom AND ST_Intersects(t.geom, a.geom)
