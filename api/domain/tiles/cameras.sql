-- Cameras standing on the day asked ($4, default today): installed by then (or date unknown) and
-- not yet removed. State from the agent's table, UNKNOWN when never polled.
WITH b AS (
  SELECT ST_TileEnvelope($1::int, $2::int, $3::int) AS env_m,
         ST_Transform(ST_TileEnvelope($1::int, $2::int, $3::int, margin => 64.0 / 4096), 4326) AS env,
         -- one pixel of a 256 px tile, in degrees: anything smaller is not drawn
         360.0 / (256 * 2 ^ $1::int) AS px_deg,
         -- one unit of the 4096 tile extent in web-mercator metres: the simplification tolerance
         40075016.686 / (4096 * 2 ^ $1::int) AS unit_m
), f AS (
  SELECT ST_AsMVTGeom(ST_Transform(c.geom, 3857), b.env_m, 4096, 64, true) AS geom,
         c.id, c.device_id, c.name, c.type, coalesce(s.state, 'UNKNOWN') AS state,
         c.azimuth_deg, c.hfov_deg, c.height_m, c.install_date::text AS install_date, c.removal_date::text AS removal_date
  FROM b, cameras c LEFT JOIN camera_status s ON s.camera_id = c.id
  WHERE c.geom && b.env
    AND (c.install_date IS NULL OR c.install_date <= coalesce($4::date, (SELECT xl_today())))
    AND (c.removal_date IS NULL OR c.removal_date > coalesce($4::date, (SELECT xl_today())))
)
SELECT ST_AsMVT(f.*, 'cameras', 4096, 'geom') AS mvt FROM f WHERE f.geom IS NOT NULL
