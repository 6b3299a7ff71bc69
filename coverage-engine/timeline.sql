-- Month-end coverage history per class for the city (area_id NULL) and each county, from the
-- per-part daily history: each target's covered amount changes only on its event days, so the
-- sums are cumulative sums of per-target changes, added up per month (a month's changes are in
-- its month-end figure). $1: covered share for intersections.
WITH RECURSIVE anc (area_id, anc_id) AS (
  SELECT id, id FROM admin_areas
  UNION ALL
  SELECT anc.area_id, a.parent_id FROM anc JOIN admin_areas a ON a.id = anc.anc_id WHERE a.parent_id IS NOT NULL
),
tgt AS (
  SELECT p.target_id, min(p.class) AS class, min(p.admin_area_id) AS area_id, sum(p.measure) AS measure
  FROM coverage_target_parts p GROUP BY p.target_id
),
ev AS (
  SELECT DISTINCT p.target_id, h.from_day AS m FROM coverage_history h JOIN coverage_target_parts p ON p.id = h.part_id
),
val AS (
  SELECT ev.target_id, ev.m, (
    SELECT coalesce(sum(x.covered), 0) FROM coverage_target_parts p2
    CROSS JOIN LATERAL (SELECT h2.covered FROM coverage_history h2 WHERE h2.part_id = p2.id AND h2.from_day <= ev.m ORDER BY h2.from_day DESC LIMIT 1) x
    WHERE p2.target_id = ev.target_id) AS covered
  FROM ev
),
delta AS (
  SELECT v.target_id, xl_month_end(v.m) AS m, tgt.class, tgt.area_id,
         v.covered - coalesce(lag(v.covered) OVER w, 0) AS d_covered,
         (v.covered >= CASE WHEN tgt.class = 'intersection' THEN $1::float8 ELSE 0.999 END * tgt.measure)::int
           - coalesce(lag((v.covered >= CASE WHEN tgt.class = 'intersection' THEN $1::float8 ELSE 0.999 END * tgt.measure)::int) OVER w, 0) AS d_count
  FROM val v JOIN tgt ON tgt.target_id = v.target_id
  WINDOW w AS (PARTITION BY v.target_id ORDER BY v.m)
),
by_area AS (
  SELECT NULL::integer AS area_id, class, m, sum(d_covered) AS d_covered, sum(d_count) AS d_count FROM delta GROUP BY class, m
  UNION ALL
  SELECT anc.anc_id, class, m, sum(d_covered), sum(d_count)
  FROM delta JOIN anc ON anc.area_id = delta.area_id JOIN admin_areas a ON a.id = anc.anc_id AND a.level = 'county'
  GROUP BY anc.anc_id, class, m
)
SELECT area_id, class, m::text AS month, d_covered, d_count::int FROM by_area ORDER BY area_id NULLS FIRST, class, m
