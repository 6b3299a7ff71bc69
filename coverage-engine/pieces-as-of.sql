-- Every computed blind-spot piece of another date or level (the targets of one area, or all),
-- cut by xl_blind_spot_pieces_as_of and ranked as the list ranks them (list-blind-spots.sql's
-- order: score, then target, then position). Computed once per (date, now, level, area) and kept
-- (pieces-as-of.ts): the ranked list pages through it, the map tiles clip it.
-- $1 as_of date or NULL (today), $2 area code or NULL (every part), $3 only working cameras (now;
-- working at the end of $1 for a past date), $4 level or NULL (the targets' required levels),
-- $5 covered share, $6 min gap m, $7 min sliver m², $8 share count, $9 this share: only the targets
-- with target_id % $8 = $9 (a target's pieces come from its own parts only, so the shares,
-- run side by side on the database's cores, together give exactly the whole set); $10 target
-- ids or NULL (all): only those targets (the others' pieces are known: pieces-as-of.ts).
-- geom is the metric piece as EWKB (lossless, handed back to the page and tile queries); x0..y1
-- its bounding box, to pick a tile's pieces without asking the database; samples the metric
-- points its reason is judged at (judge-pieces.ts), NULL when it has none.
WITH RECURSIVE sub (id) AS (
  SELECT id FROM admin_areas WHERE code = $2
  UNION ALL
  SELECT a.id FROM admin_areas a JOIN sub ON a.parent_id = sub.id
),
ids AS (
  SELECT array_agg(p.id) AS a FROM coverage_target_parts p
  WHERE ($2::text IS NULL OR p.admin_area_id IN (SELECT id FROM sub)) AND p.target_id % $8::int = $9::int
    AND ($10::bigint[] IS NULL OR p.target_id = ANY ($10::bigint[]))
)
SELECT x.target_id::int AS target_id, x.class, x.area_id, x.priority, x.reason, x.measure, x.score, x.level,
       ST_AsEWKB(x.geom_m) AS geom,
       ST_XMin(x.geom_m) AS x0, ST_YMin(x.geom_m) AS y0, ST_XMax(x.geom_m) AS x1, ST_YMax(x.geom_m) AS y1,
       (SELECT array_agg(ARRAY[ST_X(g), ST_Y(g)]) FROM xl_blind_spot_samples(x.geom_m) AS g) AS samples
FROM ids, xl_blind_spot_pieces_as_of(ids.a, $3::boolean, $1::date, $4::text, $5::float8, $6::float8, $7::float8) x
ORDER BY x.score DESC, x.target_id, ST_XMin(x.geom_m), ST_YMin(x.geom_m)
