-- The daily series of the rates (coverage_rate_series, migration 0160) from the daily history, in
-- one statement so that the history read and the writes it deletes (coverage_series_writes) are of
-- one snapshot: a write committed after it stays recorded, and the series stale.
-- rates.sql's rule per target (covered amount, covered or not, assumed, cameras seeing it) is
-- taken on each day one of the target's parts has a history row, from each part's latest row on
-- or before that day; the series holds the changes of those per-target figures, summed per day,
-- area (its own and every area above it; NULL: the city) and class, after a first row per area
-- and class (day -infinity) with the targets and their whole measure. $1: the covered share for
-- intersections. A test holds a date's sums to rates.sql over evaluateFromHistory's run.
WITH RECURSIVE anc (area_id, anc_id) AS (
  SELECT id, id FROM admin_areas
  UNION ALL
  SELECT anc.area_id, a.parent_id FROM anc JOIN admin_areas a ON a.id = anc.anc_id WHERE a.parent_id IS NOT NULL
),
tgt AS (
  SELECT target_id, min(class) AS class, min(admin_area_id) AS area_id, sum(measure::numeric) AS measure, count(*) AS parts
  FROM coverage_target_parts GROUP BY target_id
),
ev AS (
  SELECT DISTINCT p.target_id, h.from_day AS day FROM coverage_history h JOIN coverage_target_parts p ON p.id = h.part_id
),
-- Each part of the target on each of its days: the part's latest row on or before that day.
pr AS (
  SELECT ev.target_id, ev.day, x.covered, x.camera_ids, x.assumed
  FROM ev JOIN coverage_target_parts p ON p.target_id = ev.target_id
  LEFT JOIN LATERAL (
    SELECT h.covered, h.camera_ids, h.assumed FROM coverage_history h
    WHERE h.part_id = p.id AND h.from_day <= ev.day ORDER BY h.from_day DESC LIMIT 1
  ) x ON true
),
-- Distinct cameras of targets with several parts (rates.sql's cams).
cams AS (
  SELECT pr.target_id, pr.day, count(DISTINCT c.id) AS n
  FROM pr JOIN tgt ON tgt.target_id = pr.target_id AND tgt.parts > 1 CROSS JOIN LATERAL unnest(pr.camera_ids) AS c (id)
  GROUP BY pr.target_id, pr.day
),
val AS (
  SELECT pr.target_id, pr.day, sum(coalesce(pr.covered, 0)::numeric) AS covered,
         bool_or(coalesce(pr.assumed, false) AND pr.covered > 0) AS assumed,
         coalesce(max(cardinality(pr.camera_ids)), 0) AS one_part_cameras
  FROM pr GROUP BY pr.target_id, pr.day
),
tc AS (
  SELECT v.target_id, v.day, tgt.class, tgt.area_id, v.covered,
         (tgt.measure > 0 AND v.covered >= CASE WHEN tgt.class = 'intersection' THEN $1::float8 ELSE 0.999 END * tgt.measure)::int AS is_covered,
         coalesce(v.assumed, false)::int AS assumed,
         CASE WHEN tgt.parts = 1 THEN v.one_part_cameras ELSE coalesce(cams.n, 0) END AS cameras
  FROM val v JOIN tgt ON tgt.target_id = v.target_id LEFT JOIN cams ON cams.target_id = v.target_id AND cams.day = v.day
),
-- Changes from the target's previous day (before its first day: nothing covered, no camera).
delta AS (
  SELECT day, class, area_id,
         is_covered - coalesce(lag(is_covered) OVER w, 0) AS d_covered_targets,
         covered - coalesce(lag(covered) OVER w, 0) AS d_covered,
         assumed - coalesce(lag(assumed) OVER w, 0) AS d_assumed,
         (cameras >= 2)::int - coalesce(lag((cameras >= 2)::int) OVER w, 0) AS d_redundant,
         cameras - coalesce(lag(cameras) OVER w, 0) AS d_cameras
  FROM tc
  WINDOW w AS (PARTITION BY target_id ORDER BY day)
),
changes AS (
  SELECT day, NULL::integer AS area_id, class, sum(d_covered_targets) AS ct, sum(d_covered) AS cv, sum(d_assumed) AS asm,
         sum(d_redundant) AS red, sum(d_cameras) AS cs
  FROM delta GROUP BY day, class
  UNION ALL
  SELECT day, anc.anc_id, class, sum(d_covered_targets), sum(d_covered), sum(d_assumed), sum(d_redundant), sum(d_cameras)
  FROM delta JOIN anc ON anc.area_id = delta.area_id GROUP BY day, anc.anc_id, class
),
totals AS (
  SELECT NULL::integer AS area_id, class, count(*) AS targets, sum(measure) AS measure FROM tgt GROUP BY class
  UNION ALL
  SELECT anc.anc_id, class, count(*), sum(measure) FROM tgt JOIN anc ON anc.area_id = tgt.area_id GROUP BY anc.anc_id, class
),
del AS (
  DELETE FROM coverage_rate_series
),
ins AS (
  INSERT INTO coverage_rate_series (day, area_id, class, targets, covered_targets, measure, covered, assumed_targets, redundant_targets, camera_sum)
  SELECT '-infinity'::date, area_id, class, targets, 0, measure, 0, 0, 0, 0 FROM totals
  UNION ALL
  SELECT day, area_id, class, 0, ct, 0, cv, asm, red, cs FROM changes
  WHERE ct <> 0 OR cv <> 0 OR asm <> 0 OR red <> 0 OR cs <> 0
  RETURNING 1
),
seen AS (
  DELETE FROM coverage_series_writes
),
built AS (
  UPDATE coverage_series_state SET built = true, covered_share = $1::float8
  RETURNING 1
)
SELECT (SELECT count(*) FROM ins)::int AS rows, (SELECT count(*) FROM built)::int AS built
