-- Policy targets: roads and areas from z10, intersections from z12.
WITH f AS (
  SELECT ST_AsMVTGeom(ST_Transform(t.geom, 3857), b.mvt_bounds, 4096, 64, true) AS geom,
         t.id, t.class, t.kind, t.name, t.required_level, t.priority
  FROM xl_tile_bounds($1::int, $2::int, $3::int) b, targets t
  WHERE t.geom && b.env_4326 AND ($1::int >= 12 OR t.class <> 'intersection')
)
SELECT ST_AsMVT(f.*, 'targets', 4096, 'geom') AS mvt FROM f WHERE f.geom IS NOT NULL
