-- The rates of a date from the daily series (coverage_rate_series): per area and class the sums of
-- the rows on or before $1, in the shape of rates.sql. Nothing when the series is stale (a write
-- to its inputs is recorded since it was built, or it was built with another covered share): the
-- caller builds it again. "Now" adds a correction for the targets a camera down that day sees:
-- rates.sql's per-target figures over run $3 (those targets' parts with the working cameras)
-- minus the same over run $4 (their design rows of that day), both from as-of-affected.sql;
-- NULL runs for design. Numeric throughout, so the sums are exactly rates.sql's over the whole run.
WITH RECURSIVE anc (area_id, anc_id) AS (
  SELECT id, id FROM admin_areas
  UNION ALL
  SELECT anc.area_id, a.parent_id FROM anc JOIN admin_areas a ON a.id = anc.anc_id WHERE a.parent_id IS NOT NULL
),
current_series AS (
  SELECT s.built AND s.covered_share = $2::float8 AND NOT EXISTS (SELECT 1 FROM coverage_series_writes) AS ok
  FROM coverage_series_state s
),
series AS (
  SELECT area_id, class, targets::bigint AS targets, covered_targets::bigint AS covered_targets, measure, covered,
         assumed_targets::bigint AS assumed_targets, redundant_targets::bigint AS redundant_targets, camera_sum::numeric AS camera_sum
  FROM coverage_rate_series WHERE day <= $1::date AND (SELECT ok FROM current_series)
),
runs AS (
  SELECT run_id, sign FROM (VALUES ($3::text, 1), ($4::text, -1)) v (run_id, sign) WHERE run_id IS NOT NULL
),
aff AS (
  SELECT DISTINCT p.target_id FROM coverage_adhoc a JOIN runs ON runs.run_id = a.run_id JOIN coverage_target_parts p ON p.id = a.part_id
),
-- rates.sql's per-target figures, once per run, for the targets of the runs.
pr AS (
  SELECT runs.run_id, runs.sign, p.target_id, p.class, p.admin_area_id, p.measure, r.covered, r.camera_ids, r.assumed
  FROM aff JOIN coverage_target_parts p ON p.target_id = aff.target_id CROSS JOIN runs
  LEFT JOIN coverage_adhoc r ON r.run_id = runs.run_id AND r.part_id = p.id
),
cams AS (
  SELECT d.run_id, d.target_id, count(*) AS n
  FROM (SELECT DISTINCT pr.run_id, pr.target_id, c.id FROM pr CROSS JOIN LATERAL unnest(pr.camera_ids) AS c (id)) d
  GROUP BY d.run_id, d.target_id
),
t AS (
  SELECT pr.run_id, min(pr.sign) AS sign, pr.target_id, min(pr.class) AS class, min(pr.admin_area_id) AS area_id,
         sum(pr.measure::numeric) AS measure, sum(coalesce(pr.covered, 0)::numeric) AS covered,
         bool_or(coalesce(pr.assumed, false) AND pr.covered > 0) AS assumed,
         CASE WHEN count(*) = 1 THEN coalesce(max(cardinality(pr.camera_ids)), 0) ELSE coalesce(max(cams.n), 0) END AS cameras
  FROM pr LEFT JOIN cams ON cams.run_id = pr.run_id AND cams.target_id = pr.target_id
  GROUP BY pr.run_id, pr.target_id
),
tc AS (
  SELECT t.*, (t.measure > 0 AND t.covered >= CASE WHEN t.class = 'intersection' THEN $2::float8 ELSE 0.999 END * t.measure) AS is_covered
  FROM t
),
signed AS (
  SELECT area_id, class, sign * is_covered::int AS covered_targets, sign * covered AS covered, sign * assumed::int AS assumed_targets,
         sign * (cameras >= 2)::int AS redundant_targets, sign * cameras AS camera_sum
  FROM tc WHERE (SELECT ok FROM current_series)
),
correction AS (
  SELECT NULL::integer AS area_id, class, 0::bigint AS targets, sum(covered_targets) AS covered_targets, 0::numeric AS measure,
         sum(covered) AS covered, sum(assumed_targets) AS assumed_targets, sum(redundant_targets) AS redundant_targets,
         sum(camera_sum) AS camera_sum
  FROM signed GROUP BY class
  UNION ALL
  SELECT anc.anc_id, class, 0, sum(covered_targets), 0, sum(covered), sum(assumed_targets), sum(redundant_targets), sum(camera_sum)
  FROM signed JOIN anc ON anc.area_id = signed.area_id GROUP BY anc.anc_id, class
),
g AS (
  SELECT area_id, class, sum(targets) AS targets, sum(covered_targets) AS covered_targets, sum(measure) AS measure, sum(covered) AS covered,
         sum(assumed_targets) AS assumed_targets, sum(redundant_targets) AS redundant_targets, sum(camera_sum) AS camera_sum
  FROM (SELECT * FROM series UNION ALL SELECT * FROM correction) x
  GROUP BY area_id, class
)
SELECT g.area_id, a.code, a.name, a.level, g.class, g.targets::int, g.covered_targets::int, g.measure::float8, g.covered::float8,
       g.assumed_targets::int, g.redundant_targets::int, (g.camera_sum / g.targets)::float8 AS mean_cameras, g.camera_sum::float8
FROM g LEFT JOIN admin_areas a ON a.id = g.area_id
ORDER BY g.area_id NULLS FIRST, g.class
