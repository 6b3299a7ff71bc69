-- Which footprints may cut each part, whatever the date: those target-cameras-as-of.sql picks
-- before its date and health filters (the level asked, or the part's required one; the occluded
-- variant; bounding boxes touching), with each camera's service dates. pieces-as-of.ts loads this
-- once until an input changes and picks a date's cameras from it in memory: the query per date
-- took 80-110 ms on the demo county and 1.0-1.4 s at M, ahead of every cut.
-- $1 area code or NULL (every part), $2 level or NULL (each part's required level).
WITH RECURSIVE sub (id) AS (
  SELECT id FROM admin_areas WHERE code = $1
  UNION ALL
  SELECT a.id FROM admin_areas a JOIN sub ON a.parent_id = sub.id
)
SELECT p.id::int AS part_id, p.target_id::int AS target_id, coalesce(x.cameras, '{}') AS cameras,
       coalesce(x.installed, '{}') AS installed, coalesce(x.removed, '{}') AS removed
FROM coverage_target_parts p
LEFT JOIN LATERAL (
  SELECT array_agg(c.id::int ORDER BY c.id) AS cameras, array_agg(c.install_date::text ORDER BY c.id) AS installed,
         array_agg(c.removal_date::text ORDER BY c.id) AS removed
  FROM camera_footprints f
  JOIN cameras c ON c.id = f.camera_id
  WHERE f.level = coalesce($2::text, p.required_level) AND f.occluded AND f.geom_m && p.geom_m
) x ON true
WHERE $1::text IS NULL OR p.admin_area_id IN (SELECT id FROM sub)
ORDER BY p.target_id, p.id
