-- Cameras in service now in the area and everything under it, by stored state (UNKNOWN: never
-- polled); online, working and the rates are counted from these with the health vocabulary
-- (healthCounts, vocabulary/camera-health.ts), as GET /status/summary counts them.
WITH RECURSIVE sub (id) AS (
  SELECT id FROM admin_areas WHERE code = $1
  UNION ALL
  SELECT a.id FROM admin_areas a JOIN sub ON a.parent_id = sub.id
)
SELECT coalesce(s.state, 'UNKNOWN') AS state, count(*)::int AS cameras
FROM cameras c LEFT JOIN camera_status s ON s.camera_id = c.id
WHERE c.admin_area_id IN (SELECT id FROM sub)
  AND (c.install_date IS NULL OR c.install_date <= (SELECT xl_today()))
  AND (c.removal_date IS NULL OR c.removal_date > (SELECT xl_today()))
GROUP BY 1
