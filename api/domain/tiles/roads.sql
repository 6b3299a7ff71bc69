-- Roads: trunk roads from z6, main roads from z9, local streets from z13.
WITH f AS (
  SELECT ST_AsMVTGeom(ST_Transform(r.geom, 3857), b.mvt_bounds, 4096, 64, true) AS geom, r.id, r.name, r.class
  FROM xl_tile_bounds($1::int, $2::int, $3::int) b, roads r
  WHERE r.geom && b.env_4326
    AND ($1::int >= 13
      OR r.class IN ('motorway', 'trunk', 'motorway_link', 'trunk_link')
      OR ($1::int >= 9 AND r.class IN ('primary', 'secondary', 'primary_link', 'secondary_link'))
      OR ($1::int >= 11 AND r.class IN ('tertiary', 'tertiary_link')))
)
SELECT ST_AsMVT(f.*, 'roads', 4096, 'geom') AS mvt FROM f WHERE f.geom IS NOT NULL
