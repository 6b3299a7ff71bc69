-- Today's stored blind spots (design, or now ($5) with only working cameras) through the
-- coverage engine's tile function: one query. render-tile.ts sends another date or level ($4,
-- $6) to blind-spots-as-of.ts instead, which judges the computed pieces' reasons first.
WITH b AS (
  SELECT ST_TileEnvelope($1::int, $2::int, $3::int) AS env_m,
         ST_Transform(ST_TileEnvelope($1::int, $2::int, $3::int, margin => 64.0 / 4096), 4326) AS env,
         -- one pixel of a 256 px tile, in degrees: anything smaller is not drawn
         360.0 / (256 * 2 ^ $1::int) AS px_deg,
         -- one unit of the 4096 tile extent in web-mercator metres: the simplification tolerance
         40075016.686 / (4096 * 2 ^ $1::int) AS unit_m
), f AS (
  SELECT ST_AsMVTGeom(ST_Transform(x.geom, 3857), b.env_m, 4096, 64, true) AS geom,
         x.target_id, x.class, x.reason, x.measure
  FROM b, xl_blind_spots_tile(b.env, $4::date, coalesce($5::boolean, false), $6::text) x
)
SELECT ST_AsMVT(f.*, 'blind_spots', 4096, 'geom') AS mvt FROM f WHERE f.geom IS NOT NULL
