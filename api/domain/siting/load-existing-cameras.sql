-- Cameras that count as coverage already there, in planar metres: installed and not removed
-- today; with $1 = true ("coverage now") only those the agent marks working.
SELECT c.id, c.type, ST_X(ST_Transform(c.geom, (SELECT xl_metric_srid()))) AS x, ST_Y(ST_Transform(c.geom, (SELECT xl_metric_srid()))) AS y,
  c.height_m, c.azimuth_deg, c.tilt_deg, c.hfov_deg, c.vfov_deg, c.resolution_h, c.resolution_v, c.ptz_presets
FROM cameras c LEFT JOIN camera_status s ON s.camera_id = c.id
WHERE (c.install_date IS NULL OR c.install_date <= (SELECT xl_today()))
  AND (c.removal_date IS NULL OR c.removal_date > (SELECT xl_today()))
  AND (NOT $1::boolean OR coalesce(s.working, false))
