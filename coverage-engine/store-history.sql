-- The month-end history rule in SQL, per part (the city pass makes these rows in TypeScript, part-history.ts;
-- a test holds the two together). One row per month end at which a camera that reaches the part was
-- installed or removed (cameras without an install date count from the start). $2: the as-of
-- date of the design results just stored. At a part's last event month, if it is not after $2,
-- exactly today's cameras are in service (any later install or removal would be a later event),
-- so that row takes the stored design result instead of a new evaluation.
WITH e AS (
  SELECT DISTINCT p.id AS part_id, xl_month_end(coalesce(x.d, DATE '1900-01-01')) AS m
  FROM coverage_target_parts p
  JOIN camera_footprints f ON f.level = p.required_level AND f.occluded AND f.geom_m && p.geom_m
  JOIN cameras c ON c.id = f.camera_id
  CROSS JOIN LATERAL (VALUES (c.install_date), (c.removal_date)) x (d)
  WHERE p.id = ANY ($1::bigint[]) AND (x.d IS NOT NULL OR c.install_date IS NULL) AND ST_Intersects(f.geom_m, p.geom_m)
),
el AS (
  SELECT e.part_id, e.m, e.m = max(e.m) OVER (PARTITION BY e.part_id) AND e.m <= $2::date AS is_today FROM e
)
INSERT INTO coverage_history (part_id, from_month, covered)
SELECT el.part_id, el.m, v.covered
FROM el
LEFT JOIN coverage_results d ON el.is_today AND d.part_id = el.part_id AND d.mode = 'design'
CROSS JOIN LATERAL (
  SELECT d.covered WHERE d.part_id IS NOT NULL
  UNION ALL
  SELECT r.covered FROM xl_part_coverage(ARRAY[el.part_id], false, el.m, NULL, true) r WHERE d.part_id IS NULL
) v
ON CONFLICT (part_id, from_month) DO UPDATE SET covered = excluded.covered
