-- Encodes judged blind-spot pieces (blind-spot-pieces-as-of.sql, reasons from
-- judge-pieces.ts) as the 'blind_spots' MVT layer, with the same properties and types as the
-- stored pieces' tile (blind-spots.sql). $1 EWKB in tile coordinates, $2 target ids, $3 classes,
-- $4 reasons, $5 measures: parallel arrays, one entry per piece.
SELECT ST_AsMVT(f.*, 'blind_spots', 4096, 'geom') AS mvt
FROM (
  SELECT ST_GeomFromEWKB(u.g) AS geom, u.target_id, u.class, u.reason, u.measure
  FROM unnest($1::bytea[], $2::bigint[], $3::text[], $4::text[], $5::float8[]) AS u(g, target_id, class, reason, measure)
) f
