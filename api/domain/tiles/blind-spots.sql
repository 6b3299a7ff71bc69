-- Today's stored blind spots (design, or now ($5) with only working cameras) through the
-- coverage engine's tile function: one query. render-tile.ts sends another date or level ($4,
-- $6) to blind-spots-as-of.ts instead, which judges the computed pieces' reasons first.
WITH f AS (
  SELECT ST_AsMVTGeom(ST_Transform(x.geom, 3857), b.mvt_bounds, 4096, 64, true) AS geom,
         x.target_id, x.class, x.reason, x.measure
  FROM xl_tile_bounds($1::int, $2::int, $3::int) b, xl_blind_spots_tile(b.env_4326, $4::date, coalesce($5::boolean, false), $6::text) x
)
SELECT ST_AsMVT(f.*, 'blind_spots', 4096, 'geom') AS mvt FROM f WHERE f.geom IS NOT NULL
