-- Coverage per class for the city (area_id NULL) and for every admin area, counting each target
-- in its own area and in all areas above it. Source: stored results of mode $1, or the one-off
-- run $2 when given. $3: the covered share for intersections (others must be fully seen).
-- $4: only these targets (NULL: all). Every figure but the mean is a sum over targets, so the
-- what-if (what-if.ts) adds the difference a camera makes to its nearby targets' sums; a NULL
-- $4 is folded away when the statement is planned, so the full query is unchanged. Amounts are
-- summed as numeric, which is exact whatever the order: the daily series (rate-series.ts) adds up
-- per-target changes and must arrive at the very same sums (float8 sums differ with the order).
WITH RECURSIVE anc (area_id, anc_id) AS (
  SELECT id, id FROM admin_areas
  UNION ALL
  SELECT anc.area_id, a.parent_id FROM anc JOIN admin_areas a ON a.id = anc.anc_id WHERE a.parent_id IS NOT NULL
),
r AS (
  SELECT part_id, covered, camera_ids, assumed FROM coverage_results
  WHERE $2::text IS NULL AND mode = $1
    AND ($4::bigint[] IS NULL OR part_id = ANY (ARRAY(SELECT id FROM coverage_target_parts WHERE target_id = ANY ($4::bigint[]))))
  UNION ALL
  SELECT part_id, covered, camera_ids, assumed FROM coverage_adhoc WHERE run_id = $2
),
-- Distinct cameras per target. A part lists each camera once, so a one-part target's count is
-- its list's length; only targets with several parts (those with a part 2) need the (target,
-- camera) pairs deduplicated, by hashing (count(DISTINCT) per group sorted every pair).
multi AS (
  SELECT target_id FROM coverage_target_parts WHERE part_no = 2
),
cams AS (
  SELECT d.target_id, count(*) AS n
  FROM (SELECT DISTINCT p.target_id, c.id FROM coverage_target_parts p JOIN multi m ON m.target_id = p.target_id
        JOIN r ON r.part_id = p.id CROSS JOIN LATERAL unnest(r.camera_ids) AS c (id)) d
  GROUP BY d.target_id
),
t AS (
  SELECT p.target_id, min(p.class) AS class, min(p.admin_area_id) AS area_id, sum(p.measure::numeric) AS measure,
         sum(coalesce(r.covered, 0)::numeric) AS covered, bool_or(coalesce(r.assumed, false) AND r.covered > 0) AS assumed,
         CASE WHEN count(*) = 1 THEN coalesce(max(cardinality(r.camera_ids)), 0) ELSE coalesce(max(cams.n), 0) END AS cameras
  FROM coverage_target_parts p LEFT JOIN r ON r.part_id = p.id LEFT JOIN cams ON cams.target_id = p.target_id
  WHERE $4::bigint[] IS NULL OR p.target_id = ANY ($4::bigint[])
  GROUP BY p.target_id
),
tc AS (
  SELECT t.*, (t.measure > 0 AND t.covered >= CASE WHEN t.class = 'intersection' THEN $3::float8 ELSE 0.999 END * t.measure) AS is_covered FROM t
),
grouped AS (
  SELECT NULL::integer AS area_id, class, count(*) AS targets, count(*) FILTER (WHERE is_covered) AS covered_targets,
         sum(measure) AS measure, sum(covered) AS covered, count(*) FILTER (WHERE assumed) AS assumed_targets,
         count(*) FILTER (WHERE cameras >= 2) AS redundant_targets, avg(cameras) AS mean_cameras, sum(cameras) AS camera_sum
  FROM tc GROUP BY class
  UNION ALL
  SELECT anc.anc_id, class, count(*), count(*) FILTER (WHERE is_covered), sum(measure), sum(covered), count(*) FILTER (WHERE assumed),
         count(*) FILTER (WHERE cameras >= 2), avg(cameras), sum(cameras)
  FROM tc JOIN anc ON anc.area_id = tc.area_id
  GROUP BY anc.anc_id, class
)
SELECT g.area_id, a.code, a.name, a.level, g.class, g.targets::int, g.covered_targets::int, g.measure::float8, g.covered::float8, g.assumed_targets::int,
       g.redundant_targets::int, g.mean_cameras::float8, g.camera_sum::float8
FROM grouped g LEFT JOIN admin_areas a ON a.id = g.area_id
ORDER BY g.area_id NULLS FIRST, g.class
