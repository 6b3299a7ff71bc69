-- Ranked blind spots of another date (or level): the pieces of every target in the class/area
-- filter, evaluated and cut by xl_blind_spot_pieces_as_of (migration 0019, the same pieces the
-- map tiles of that date show), ranked like list-blind-spots.sql. Reason: 'no_camera' when no
-- camera reaches any part of the target, NULL otherwise: the caller judges every piece at the
-- sample points returned (judge-pieces.ts, the optics in TypeScript).
-- $1 as_of date or NULL (today), $2 class or NULL, $3 area code or NULL, $4 limit, $5 offset,
-- $6 only working cameras (now; working at the end of $1 for a past date), $7 level or NULL
-- (the targets' required levels), $8 covered share, $9 min gap m, $10 min sliver m².
-- id is the 1-based rank (computed pieces are not stored).
WITH RECURSIVE sub (id) AS (
  SELECT id FROM admin_areas WHERE code = $3
  UNION ALL
  SELECT a.id FROM admin_areas a JOIN sub ON a.parent_id = sub.id
),
ids AS (
  SELECT array_agg(p.id) AS a FROM coverage_target_parts p
  WHERE ($2::text IS NULL OR p.class = $2) AND ($3::text IS NULL OR p.admin_area_id IN (SELECT id FROM sub))
),
ranked AS (
  SELECT x.*, row_number() OVER (ORDER BY x.score DESC, x.target_id, ST_XMin(x.geom_m), ST_YMin(x.geom_m)) AS rank
  FROM ids, xl_blind_spot_pieces_as_of(ids.a, $6::boolean, $1::date, $7::text, $8::float8, $9::float8, $10::float8) x
)
SELECT b.rank::int AS id, b.target_id::int AS target_id, tg.name AS target_name, b.class, b.reason, b.measure,
       b.priority, a.code AS area_code, a.name AS area_name,
       xl_export_geojson(b.geom_m) AS geometry,
       ST_X(ST_Transform(ST_PointOnSurface(b.geom_m), 4326)) AS lon, ST_Y(ST_Transform(ST_PointOnSurface(b.geom_m), 4326)) AS lat,
       count(*) OVER () AS total, b.score,
       -- For the reason (judged in TypeScript): the level the piece is judged at, and its sample
       -- points in metric coordinates (the same as the stored pieces').
       b.level,
       (SELECT array_agg(ARRAY[ST_X(g), ST_Y(g)]) FROM xl_blind_spot_samples(b.geom_m) AS g) AS samples
FROM ranked b
JOIN targets tg ON tg.id = b.target_id
LEFT JOIN admin_areas a ON a.id = b.area_id
ORDER BY b.rank
LIMIT $4 OFFSET $5
