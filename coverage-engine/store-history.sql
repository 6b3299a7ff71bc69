-- The daily history rule in SQL, per part (the city pass makes these rows in TypeScript, part-history.ts;
-- a test holds the two together). One row per day on which a camera that reaches the part was
-- installed or removed (cameras without an install date count from the start), with the cameras in
-- service that day. $2: the as-of date of the design results just stored. At a part's last event
-- day, if it is not after $2, exactly today's cameras are in service (any later install or removal
-- would be a later event), so that row takes the stored design result instead of a new evaluation.
WITH e AS (
  SELECT DISTINCT p.id AS part_id, coalesce(x.d, DATE '1900-01-01') AS d
  FROM coverage_target_parts p
  JOIN camera_footprints f ON f.level = p.required_level AND f.occluded AND f.geom_m && p.geom_m
  JOIN cameras c ON c.id = f.camera_id
  CROSS JOIN LATERAL (VALUES (c.install_date), (c.removal_date)) x (d)
  WHERE p.id = ANY ($1::bigint[]) AND (x.d IS NOT NULL OR c.install_date IS NULL) AND ST_Intersects(f.geom_m, p.geom_m)
),
el AS (
  SELECT e.part_id, e.d, e.d = max(e.d) OVER (PARTITION BY e.part_id) AND e.d <= $2::date AS is_today FROM e
)
INSERT INTO coverage_history (part_id, from_day, covered, camera_ids, assumed)
SELECT el.part_id, el.d, v.covered, v.camera_ids, v.assumed
FROM el
LEFT JOIN coverage_results d ON el.is_today AND d.part_id = el.part_id AND d.mode = 'design'
CROSS JOIN LATERAL (
  SELECT d.covered, d.camera_ids, d.assumed WHERE d.part_id IS NOT NULL
  UNION ALL
  SELECT r.covered, r.camera_ids, r.assumed FROM xl_part_coverage(ARRAY[el.part_id], false, el.d, NULL, true) r WHERE d.part_id IS NULL
) v
ON CONFLICT (part_id, from_day) DO UPDATE SET covered = excluded.covered, camera_ids = excluded.camera_ids, assumed = excluded.assumed
