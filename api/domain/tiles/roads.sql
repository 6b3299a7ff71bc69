-- Roads: trunk roads from z6, main roads from z9, local streets from z13.
WITH b AS (
  SELECT ST_TileEnvelope($1::int, $2::int, $3::int) AS env_m,
         ST_Transform(ST_TileEnvelope($1::int, $2::int, $3::int, margin => 64.0 / 4096), 4326) AS env,
         -- one pixel of a 256 px tile, in degrees: anything smaller is not drawn
         360.0 / (256 * 2 ^ $1::int) AS px_deg,
         -- one unit of the 4096 tile extent in web-mercator metres: the simplification tolerance
         40075016.686 / (4096 * 2 ^ $1::int) AS unit_m
), f AS (
  SELECT ST_AsMVTGeom(ST_Transform(r.geom, 3857), b.env_m, 4096, 64, true) AS geom, r.id, r.name, r.class
  FROM b, roads r
  WHERE r.geom && b.env
    AND ($1::int >= 13
      OR r.class IN ('motorway', 'trunk', 'motorway_link', 'trunk_link')
      OR ($1::int >= 9 AND r.class IN ('primary', 'secondary', 'primary_link', 'secondary_link'))
      OR ($1::int >= 11 AND r.class IN ('tertiary', 'tertiary_link')))
)
SELECT ST_AsMVT(f.*, 'roads', 4096, 'geom') AS mvt FROM f WHERE f.geom IS NOT NULL
