-- Policy targets: roads and areas from z10, intersections from z12.
WITH b AS (
  SELECT ST_TileEnvelope($1::int, $2::int, $3::int) AS env_m,
         ST_Transform(ST_TileEnvelope($1::int, $2::int, $3::int, margin => 64.0 / 4096), 4326) AS env,
         -- one pixel of a 256 px tile, in degrees: anything smaller is not drawn
         360.0 / (256 * 2 ^ $1::int) AS px_deg,
         -- one unit of the 4096 tile extent in web-mercator metres: the simplification tolerance
         40075016.686 / (4096 * 2 ^ $1::int) AS unit_m
), f AS (
  SELECT ST_AsMVTGeom(ST_Transform(t.geom, 3857), b.env_m, 4096, 64, true) AS geom,
         t.id, t.class, t.kind, t.name, t.required_level, t.priority
  FROM b, targets t
  WHERE t.geom && b.env AND ($1::int >= 12 OR t.class <> 'intersection')
)
SELECT ST_AsMVT(f.*, 'targets', 4096, 'geom') AS mvt FROM f WHERE f.geom IS NOT NULL
