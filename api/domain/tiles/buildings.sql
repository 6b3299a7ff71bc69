-- Buildings only from z14 (the route returns an empty tile below); tiny ones only from z15.
WITH b AS (
  SELECT ST_TileEnvelope($1::int, $2::int, $3::int) AS env_m,
         ST_Transform(ST_TileEnvelope($1::int, $2::int, $3::int, margin => 64.0 / 4096), 4326) AS env,
         -- one pixel of a 256 px tile, in degrees: anything smaller is not drawn
         360.0 / (256 * 2 ^ $1::int) AS px_deg,
         -- one unit of the 4096 tile extent in web-mercator metres: the simplification tolerance
         40075016.686 / (4096 * 2 ^ $1::int) AS unit_m
), f AS (
  SELECT ST_AsMVTGeom(ST_Transform(x.geom, 3857), b.env_m, 4096, 64, true) AS geom,
         x.id, x.name, x.kind, x.height_m, x.height_assumed
  FROM b, buildings x
  WHERE x.geom && b.env
    AND ($1::int >= 15 OR (ST_XMax(x.geom) - ST_XMin(x.geom)) + (ST_YMax(x.geom) - ST_YMin(x.geom)) > b.px_deg)
)
SELECT ST_AsMVT(f.*, 'buildings', 4096, 'geom') AS mvt FROM f WHERE f.geom IS NOT NULL
