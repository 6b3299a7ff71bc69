-- 联网 now in the area and everything under it: the cameras in service today (as
-- area-cameras-now.sql counts them), those networked over GB/T 28181 now (the health vocabulary's
-- rule, SQL xl_camera_networked, as GET /status/summary counts them), and whether networking is
-- known at all (some device has ever registered; without one 联网率 is unknown, not 0).
WITH RECURSIVE sub (id) AS (
  SELECT id FROM admin_areas WHERE code = $1
  UNION ALL
  SELECT a.id FROM admin_areas a JOIN sub ON a.parent_id = sub.id
)
SELECT count(*)::int AS total,
  count(*) FILTER (WHERE xl_camera_networked(c.id, now()))::int AS networked,
  EXISTS (SELECT 1 FROM gb_devices) AS known
FROM cameras c
WHERE c.admin_area_id IN (SELECT id FROM sub)
  AND (c.install_date IS NULL OR c.install_date <= (SELECT xl_today()))
  AND (c.removal_date IS NULL OR c.removal_date > (SELECT xl_today()))
