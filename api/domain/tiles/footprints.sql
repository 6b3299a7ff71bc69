-- Occlusion-clipped footprints at one level ($6, default: the settings' intersection level, else
-- observe) of the cameras standing on the day asked; with now ($5) only working cameras: working
-- now, or for a past day ($4) at the end of that day (xl_camera_working, migration 0019), as the
-- blind spots and rates of that day count them.
WITH b AS (
  SELECT ST_TileEnvelope($1::int, $2::int, $3::int) AS env_m,
         xl_tile_envelope_m($1::int, $2::int, $3::int, 64.0 / 4096) AS env_metric,
         -- one unit of the 4096 tile extent in web-mercator metres: the simplification tolerance
         40075016.686 / (4096 * 2 ^ $1::int) AS unit_m
), lvl AS (
  SELECT coalesce($6::text, (SELECT value ->> 'intersection' FROM settings WHERE key = 'default_levels'), 'observe') AS level
), f AS (
  -- Simplified by a quarter pixel (4 tile units): footprints are drawn only, and their
  -- occlusion-cut outlines carry many vertices no screen shows at this zoom.
  SELECT ST_AsMVTGeom(ST_Simplify(ST_Transform(fp.geom_m, 3857), 4 * b.unit_m, true), b.env_m, 4096, 64, true) AS geom,
         fp.camera_id, c.device_id, fp.level, fp.ppm, fp.near_m, fp.range_m, fp.assumed,
         coalesce(s.state, 'UNKNOWN') AS state
  FROM b, lvl, camera_footprints fp
    JOIN cameras c ON c.id = fp.camera_id
    LEFT JOIN camera_status s ON s.camera_id = c.id
  WHERE fp.geom_m && b.env_metric AND fp.occluded AND fp.level = lvl.level
    AND (c.install_date IS NULL OR c.install_date <= coalesce($4::date, (SELECT xl_today())))
    AND (c.removal_date IS NULL OR c.removal_date > coalesce($4::date, (SELECT xl_today())))
    AND (NOT coalesce($5::boolean, false)
         OR CASE WHEN $4::date IS NULL THEN coalesce(s.working, false) ELSE xl_camera_working(c.id, $4::date) END)
)
SELECT ST_AsMVT(f.*, 'footprints', 4096, 'geom') AS mvt FROM f WHERE f.geom IS NOT NULL
