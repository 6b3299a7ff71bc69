-- Occlusion-clipped footprints at one level ($6, default: the settings' intersection level, else
-- observe) of the cameras standing on the day asked; with now ($5) only working cameras: working
-- now, or for a past day ($4) at the end of that day (xl_camera_working), as the
-- blind spots and rates of that day count them.
WITH lvl AS (
  SELECT coalesce($6::text, (SELECT value ->> 'intersection' FROM settings WHERE key = 'default_levels'), 'observe') AS level
), f AS (
  -- Simplified by a quarter pixel (4 tile units): footprints are drawn only, and their
  -- occlusion-cut outlines carry many vertices no screen shows at this zoom.
  SELECT ST_AsMVTGeom(ST_Simplify(ST_Transform(fp.geom_m, 3857), 4 * b.unit_m, true), b.mvt_bounds, 4096, 64, true) AS geom,
         fp.camera_id, c.device_id, fp.level, fp.ppm, fp.near_m, fp.range_m, fp.assumed,
         coalesce(s.state, 'UNKNOWN') AS state
  FROM xl_tile_bounds($1::int, $2::int, $3::int) b, lvl, camera_footprints fp
    JOIN cameras c ON c.id = fp.camera_id
    LEFT JOIN camera_status s ON s.camera_id = c.id
  WHERE fp.geom_m && b.env_metric AND fp.occluded AND fp.level = lvl.level
    AND (c.install_date IS NULL OR c.install_date <= coalesce($4::date, (SELECT xl_today())))
    AND (c.removal_date IS NULL OR c.removal_date > coalesce($4::date, (SELECT xl_today())))
    AND (NOT coalesce($5::boolean, false)
         OR CASE WHEN $4::date IS NULL THEN coalesce(s.working, false) ELSE xl_camera_working(c.id, $4::date) END)
)
SELECT ST_AsMVT(f.*, 'footprints', 4096, 'geom') AS mvt FROM f WHERE f.geom IS NOT NULL
