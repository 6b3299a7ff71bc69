-- Cameras in service today (the dataset's day, xl_today(): installed, or date unknown, and not
-- removed: as the map's camera tiles and the coverage report count them) per county and state;
-- UNKNOWN = never polled. The county
-- is the camera's own area or the county it lies in; NULL when the camera has no area or its area
-- is in no county. The fleet figure is the sum of these rows, so fleet and counties cannot differ.
-- networked: 联网 now (the health vocabulary's rule, SQL xl_camera_networked) among them; known:
-- some GB/T 28181 device has ever registered (without one 联网率 is null, not 0).
WITH RECURSIVE up (area_id, ancestor_id) AS (
  SELECT id, id FROM admin_areas
  UNION ALL
  SELECT up.area_id, a.parent_id FROM up JOIN admin_areas a ON a.id = up.ancestor_id WHERE a.parent_id IS NOT NULL
),
county_of AS (
  SELECT up.area_id, anc.code, anc.name FROM up JOIN admin_areas anc ON anc.id = up.ancestor_id AND anc.level = 'county'
)
SELECT co.code AS "areaCode", co.name AS "areaName", coalesce(s.state, 'UNKNOWN') AS state, count(*)::int AS cameras,
  count(*) FILTER (WHERE xl_camera_networked(c.id, now()))::int AS networked,
  EXISTS (SELECT 1 FROM gb_devices) AS known
FROM cameras c
LEFT JOIN camera_status s ON s.camera_id = c.id
LEFT JOIN county_of co ON co.area_id = c.admin_area_id
WHERE (c.install_date IS NULL OR c.install_date <= (SELECT xl_today())) AND (c.removal_date IS NULL OR c.removal_date > (SELECT xl_today()))
GROUP BY 1, 2, 3
ORDER BY 1, 3
