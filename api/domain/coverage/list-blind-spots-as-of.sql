-- Ranked blind spots of another date (or level), computed with the engine's as-of evaluation
-- (xl_part_coverage over every target part of the dataset in the class/area filter) and cut into
-- pieces the way xl_insert_blind_spots cuts the stored ones: per target, intersections that meet
-- the covered share drop out, road gaps under min_gap_m and polygon slivers under min_sliver_m2
-- are ignored. Ranked like list-blind-spots.sql. Reason: 'no_camera' when no camera reaches any
-- part of the target, NULL otherwise: the caller judges those at the sample points returned
-- (judge-pieces.ts, the optics in TypeScript).
-- $1 as_of date, $2 class or NULL, $3 area code or NULL, $4 limit, $5 offset, $6 only working
-- cameras (now), $7 level or NULL (the targets' required levels), $8 covered share,
-- $9 min gap m, $10 min sliver m². id is the 1-based rank (computed pieces are not stored).
WITH RECURSIVE sub (id) AS (
  SELECT id FROM admin_areas WHERE code = $3
  UNION ALL
  SELECT a.id FROM admin_areas a JOIN sub ON a.parent_id = sub.id
),
ids AS (
  SELECT array_agg(p.id) AS a FROM coverage_target_parts p
  WHERE ($2::text IS NULL OR p.class = $2) AND ($3::text IS NULL OR p.admin_area_id IN (SELECT id FROM sub))
),
t AS (
  SELECT p.target_id, min(p.class) AS class, min(p.admin_area_id) AS area_id, max(p.priority) AS priority,
         sum(p.measure) AS measure, sum(r.covered) AS covered, bool_and(cardinality(r.camera_ids) = 0) AS no_camera,
         ST_Union(r.uncovered_m) FILTER (WHERE r.uncovered_m IS NOT NULL AND NOT ST_IsEmpty(r.uncovered_m)) AS u
  FROM ids, xl_part_coverage(ids.a, $6::boolean, $1::date, $7::text, true) r
  JOIN coverage_target_parts p ON p.id = r.part_id
  GROUP BY p.target_id
),
pieces AS (
  SELECT t.target_id, t.class, t.area_id, t.priority, CASE WHEN t.no_camera THEN 'no_camera' END AS reason, ms.measure, d.geom AS geom_m,
         t.priority * CASE WHEN ST_Dimension(d.geom) = 1 THEN ms.measure * 10 ELSE ms.measure END AS score
  FROM t
  CROSS JOIN LATERAL ST_Dump(CASE WHEN t.class = 'road' THEN ST_LineMerge(ST_CollectionExtract(t.u, 2)) ELSE ST_CollectionExtract(t.u, 3) END) d
  CROSS JOIN LATERAL (SELECT CASE WHEN ST_Dimension(d.geom) = 1 THEN ST_Length(d.geom) ELSE ST_Area(d.geom) END AS measure) ms
  WHERE t.u IS NOT NULL
    AND NOT (t.class = 'intersection' AND t.covered >= $8::float8 * t.measure)
    AND ms.measure >= CASE WHEN ST_Dimension(d.geom) = 1 THEN $9::float8 ELSE $10::float8 END
),
ranked AS (
  SELECT pieces.*, row_number() OVER (ORDER BY score DESC, target_id, ST_XMin(geom_m), ST_YMin(geom_m)) AS rank
  FROM pieces
)
SELECT b.rank::int AS id, b.target_id::int AS target_id, tg.name AS target_name, b.class, b.reason, b.measure,
       b.priority, a.code AS area_code, a.name AS area_name,
       ST_AsGeoJSON(ST_Transform(b.geom_m, 4326), 7)::json AS geometry,
       ST_X(ST_Transform(ST_PointOnSurface(b.geom_m), 4326)) AS lon, ST_Y(ST_Transform(ST_PointOnSurface(b.geom_m), 4326)) AS lat,
       count(*) OVER () AS total,
       -- For the reason (judged in TypeScript): the level the piece is judged at, and its sample
       -- points in metric coordinates (the same as the stored pieces').
       coalesce($7::text, (SELECT p.required_level FROM coverage_target_parts p WHERE p.target_id = b.target_id LIMIT 1)) AS level,
       (SELECT array_agg(ARRAY[ST_X(g), ST_Y(g)]) FROM xl_blind_spot_samples(b.geom_m) AS g) AS samples
FROM ranked b
JOIN targets tg ON tg.id = b.target_id
LEFT JOIN admin_areas a ON a.id = b.area_id
ORDER BY b.rank
LIMIT $4 OFFSET $5
