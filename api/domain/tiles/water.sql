-- Water: features smaller than two pixels are dropped and outlines simplified below z13.
WITH b AS (
  SELECT ST_TileEnvelope($1::int, $2::int, $3::int) AS env_m,
         ST_Transform(ST_TileEnvelope($1::int, $2::int, $3::int, margin => 64.0 / 4096), 4326) AS env,
         -- one pixel of a 256 px tile, in degrees: anything smaller is not drawn
         360.0 / (256 * 2 ^ $1::int) AS px_deg,
         -- one unit of the 4096 tile extent in web-mercator metres: the simplification tolerance
         40075016.686 / (4096 * 2 ^ $1::int) AS unit_m
), f AS (
  SELECT ST_AsMVTGeom(
           CASE WHEN $1::int < 13 THEN ST_SimplifyPreserveTopology(ST_Transform(x.geom, 3857), b.unit_m) ELSE ST_Transform(x.geom, 3857) END,
           b.env_m, 4096, 64, true) AS geom,
         x.id, x.name, x.kind
  FROM b, water x
  WHERE x.geom && b.env
    AND ($1::int >= 13 OR (ST_XMax(x.geom) - ST_XMin(x.geom)) + (ST_YMax(x.geom) - ST_YMin(x.geom)) > 2 * b.px_deg)
)
SELECT ST_AsMVT(f.*, 'water', 4096, 'geom') AS mvt FROM f WHERE f.geom IS NOT NULL
