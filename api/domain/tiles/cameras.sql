-- Cameras standing on the day asked ($4, default today): installed by then (or date unknown) and
-- not yet removed. State from the agent's table, UNKNOWN when never polled.
WITH f AS (
  SELECT ST_AsMVTGeom(ST_Transform(c.geom, 3857), b.mvt_bounds, 4096, 64, true) AS geom,
         c.id, c.device_id, c.name, c.type, coalesce(s.state, 'UNKNOWN') AS state,
         c.azimuth_deg, c.hfov_deg, c.height_m, c.install_date::text AS install_date, c.removal_date::text AS removal_date
  FROM xl_tile_bounds($1::int, $2::int, $3::int) b, cameras c LEFT JOIN camera_status s ON s.camera_id = c.id
  WHERE c.geom && b.env_4326
    AND (c.install_date IS NULL OR c.install_date <= coalesce($4::date, (SELECT xl_today())))
    AND (c.removal_date IS NULL OR c.removal_date > coalesce($4::date, (SELECT xl_today())))
)
SELECT ST_AsMVT(f.*, 'cameras', 4096, 'geom') AS mvt FROM f WHERE f.geom IS NOT NULL
