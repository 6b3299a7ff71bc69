-- Month-end history of parts: one row per month end at which a camera that reaches the part was
-- installed or removed (cameras without an install date count from the start).
INSERT INTO coverage_history (part_id, from_month, covered)
SELECT e.part_id, e.m, r.covered
FROM (
  SELECT DISTINCT p.id AS part_id, xl_month_end(coalesce(x.d, DATE '1900-01-01')) AS m
  FROM coverage_target_parts p
  JOIN camera_footprints f ON f.level = p.required_level AND f.occluded AND f.geom_m && p.geom_m
  JOIN cameras c ON c.id = f.camera_id
  CROSS JOIN LATERAL (VALUES (c.install_date), (c.removal_date)) x (d)
  WHERE p.id = ANY ($1::bigint[]) AND (x.d IS NOT NULL OR c.install_date IS NULL) AND ST_Intersects(f.geom_m, p.geom_m)
) e
CROSS JOIN LATERAL xl_part_coverage(ARRAY[e.part_id], false, e.m, NULL, true) r
ON CONFLICT (part_id, from_month) DO UPDATE SET covered = excluded.covered
