-- The areas a report draws a map of: each county in the report's area ($1, an admin_areas id): the
-- area itself when it is a county or a town, its counties when it is a city (the city itself when
-- it has none). Boundaries in the data's planar metres, simplified to a 2,000th of their extent
-- (a quarter of a point on an A4 map), with that tolerance for the roads and blind spots drawn in.
WITH me AS (
  SELECT id, level FROM admin_areas WHERE id = $1
),
drawn AS (
  SELECT a.id, a.code, a.name, ST_Transform(a.geom, xl_metric_srid()) AS g
  FROM admin_areas a, me
  WHERE (me.level <> 'city' AND a.id = me.id)
     OR (me.level = 'city' AND a.parent_id = me.id AND a.level = 'county')
     OR (me.level = 'city' AND a.id = me.id AND NOT EXISTS (SELECT 1 FROM admin_areas c WHERE c.parent_id = me.id AND c.level = 'county'))
),
sized AS (
  SELECT id, code, name, g, greatest(ST_XMax(g) - ST_XMin(g), ST_YMax(g) - ST_YMin(g)) / 2000 AS tolerance_m FROM drawn
)
SELECT id, code, name, tolerance_m,
       ST_AsGeoJSON(ST_SimplifyPreserveTopology(g, tolerance_m), 1)::json AS boundary
FROM sized
ORDER BY code
