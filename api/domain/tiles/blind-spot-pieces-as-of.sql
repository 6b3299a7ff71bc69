-- The blind-spot pieces a tile of another date or level shows, before their reasons are judged
-- (blind-spots-as-of.ts): the pieces of every target with a part in the tile, made by
-- xl_blind_spot_pieces_as_of from ALL parts of those targets, so a piece is the
-- one the ranked list has (same cut, same sample points), then clipped to the tile.
-- $1..$3 z/x/y, $4 as_of or NULL (today), $5 now (working at the end of $4), $6 level or NULL,
-- $7 covered share, $8 min gap m, $9 min sliver m².
-- geom is the piece in tile coordinates (ST_AsMVTGeom) as EWKB, handed back to
-- blind-spots-encode.sql with the reasons; samples are metric, as the list's.
WITH b AS (
  SELECT mvt_bounds, env_metric FROM xl_tile_bounds($1::int, $2::int, $3::int)
),
tg AS (
  SELECT DISTINCT p.target_id FROM coverage_target_parts p, b WHERE p.geom_m && b.env_metric
),
ids AS (
  SELECT array_agg(p.id) AS a FROM coverage_target_parts p WHERE p.target_id IN (SELECT target_id FROM tg)
),
pc AS (
  SELECT x.*, ST_AsMVTGeom(ST_Transform(x.geom_m, 3857), b.mvt_bounds, 4096, 64, true) AS tile_geom
  FROM b, ids, xl_blind_spot_pieces_as_of(ids.a, coalesce($5::boolean, false), $4::date, $6::text, $7::float8, $8::float8, $9::float8) x
  WHERE x.geom_m && b.env_metric
)
SELECT pc.target_id::text AS target_id, pc.class, pc.reason, pc.measure, pc.level,
       ST_AsEWKB(pc.tile_geom) AS geom,
       (SELECT array_agg(ARRAY[ST_X(g), ST_Y(g)]) FROM xl_blind_spot_samples(pc.geom_m) AS g) AS samples
FROM pc
WHERE pc.tile_geom IS NOT NULL
