-- The 'blind_spots' MVT layer of another date or level, from computed pieces already judged
-- (coverage-engine/pieces-as-of.ts, kept for a few dates): the pieces that touch the tile are
-- clipped to it and encoded with the same properties and types as the stored pieces' tile
-- (blind-spots.sql). $1..$3 z/x/y, $4 EWKB pieces in metric coordinates, $5 target ids,
-- $6 classes, $7 reasons, $8 measures: parallel arrays, one entry per piece.
-- Both parts MATERIALIZED: inlined, the tile's metric envelope (xl_tile_envelope_m reads the
-- settings) was computed again for every piece, and each piece clipped twice (filter and output).
WITH b AS MATERIALIZED (
  SELECT mvt_bounds, env_metric FROM xl_tile_bounds($1::int, $2::int, $3::int)
),
f AS MATERIALIZED (
  SELECT ST_AsMVTGeom(ST_Transform(u.geom_m, 3857), b.mvt_bounds, 4096, 64, true) AS geom, u.target_id, u.class, u.reason, u.measure
  FROM b, (
    SELECT ST_GeomFromEWKB(p.g) AS geom_m, p.target_id, p.class, p.reason, p.measure
    FROM unnest($4::bytea[], $5::bigint[], $6::text[], $7::text[], $8::float8[]) AS p(g, target_id, class, reason, measure)
  ) u
  WHERE u.geom_m && b.env_metric
)
SELECT ST_AsMVT(f.*, 'blind_spots', 4096, 'geom') AS mvt
FROM f
WHERE f.geom IS NOT NULL
