-- Cameras with their position in planar metres, for footprints: all, the listed ids ($1), or
-- those inside a planar box ($2..$5, metres in xl_metric_srid()).
SELECT c.id::int AS id, c.type, ST_X(m.g) AS x, ST_Y(m.g) AS y, c.height_m, c.azimuth_deg, c.tilt_deg,
       c.hfov_deg, c.vfov_deg, c.resolution_h, c.resolution_v, c.sensor_width_mm, c.focal_length_mm,
       c.ptz_presets, c.provenance, c.admin_area_id, c.device_id,
       ((c.install_date IS NULL OR c.install_date <= (SELECT xl_today())) AND (c.removal_date IS NULL OR c.removal_date > (SELECT xl_today()))) AS in_service,
       coalesce((SELECT s.working FROM camera_status s WHERE s.camera_id = c.id), false) AS working
FROM cameras c
CROSS JOIN LATERAL (SELECT ST_Transform(c.geom, (SELECT xl_metric_srid())) AS g) m
WHERE ($1::bigint[] IS NULL OR c.id = ANY ($1))
  AND ($2::float8 IS NULL OR c.geom && ST_Transform(ST_MakeEnvelope($2, $3, $4, $5, (SELECT xl_metric_srid())), 4326))
ORDER BY c.id
