-- Cameras standing on the day asked ($4, default today): installed by then (or date unknown) and
-- not yet removed; with $5 (allDates) every camera, whatever its dates, for a client that filters
-- by date itself (the web's time slider: one set of tiles for every date). State from the agent's
-- table, UNKNOWN when never polled. Below zoom $6 (the map's clusters) only id, device_id and
-- state, and the install and removal dates with $5: ST_AsMVT leaves NULL properties out.
WITH f AS (
  SELECT ST_AsMVTGeom(ST_Transform(c.geom, 3857), b.mvt_bounds, 4096, 64, true) AS geom,
         c.id, c.device_id, coalesce(s.state, 'UNKNOWN') AS state,
         CASE WHEN d.detail THEN c.name END AS name,
         CASE WHEN d.detail THEN c.type END AS type,
         CASE WHEN d.detail THEN c.azimuth_deg END AS azimuth_deg,
         CASE WHEN d.detail THEN c.hfov_deg END AS hfov_deg,
         CASE WHEN d.detail THEN c.height_m END AS height_m,
         CASE WHEN d.detail OR $5::boolean THEN c.install_date::text END AS install_date,
         CASE WHEN d.detail OR $5::boolean THEN c.removal_date::text END AS removal_date
  FROM xl_tile_bounds($1::int, $2::int, $3::int) b, (SELECT $1::int >= $6::int AS detail) d,
       cameras c LEFT JOIN camera_status s ON s.camera_id = c.id
  WHERE c.geom && b.env_4326
    AND ($5::boolean OR (
      (c.install_date IS NULL OR c.install_date <= coalesce($4::date, (SELECT xl_today())))
      AND (c.removal_date IS NULL OR c.removal_date > coalesce($4::date, (SELECT xl_today())))
    ))
)
SELECT ST_AsMVT(f.*, 'cameras', 4096, 'geom') AS mvt FROM f WHERE f.geom IS NOT NULL
