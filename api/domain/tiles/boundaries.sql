-- Admin areas: city and county outlines at every zoom, towns from z9; simplified below z13.
WITH b AS (
  SELECT ST_TileEnvelope($1::int, $2::int, $3::int) AS env_m,
         ST_Transform(ST_TileEnvelope($1::int, $2::int, $3::int, margin => 64.0 / 4096), 4326) AS env,
         -- one pixel of a 256 px tile, in degrees: anything smaller is not drawn
         360.0 / (256 * 2 ^ $1::int) AS px_deg,
         -- one unit of the 4096 tile extent in web-mercator metres: the simplification tolerance
         40075016.686 / (4096 * 2 ^ $1::int) AS unit_m
), f AS (
  SELECT ST_AsMVTGeom(
           CASE WHEN $1::int < 13 THEN ST_SimplifyPreserveTopology(ST_Transform(a.geom, 3857), b.unit_m) ELSE ST_Transform(a.geom, 3857) END,
           b.env_m, 4096, 64, true) AS geom,
         a.id, a.code, a.name, a.name_en, a.level
  FROM b, admin_areas a
  WHERE a.geom && b.env AND ($1::int >= 9 OR a.level <> 'town')
)
SELECT ST_AsMVT(f.*, 'boundaries', 4096, 'geom') AS mvt FROM f WHERE f.geom IS NOT NULL
