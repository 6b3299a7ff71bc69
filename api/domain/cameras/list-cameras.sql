-- One page of cameras in id order (keyset: id > cursor), optionally within a bbox.
SELECT c.id, c.device_id, c.name, c.type, ST_X(c.geom) AS lon, ST_Y(c.geom) AS lat, c.height_m, c.azimuth_deg,
       c.tilt_deg, c.resolution_h, c.resolution_v, c.hfov_deg, c.vfov_deg, c.sensor_width_mm, c.focal_length_mm,
       c.ptz_presets, c.install_date::text AS install_date, c.removal_date::text AS removal_date, c.owner_unit, c.resource_class,
       c.onvif_url, c.onvif_user, c.onvif_password_enc IS NOT NULL AS has_password, c.provenance, c.source,
       c.admin_area_id, a.code AS admin_area_code, a.name AS admin_area_name, c.created_at, c.updated_at,
       s.state, s.since, s.reason, s.last_poll_at, s.online, s.working
FROM cameras c
  LEFT JOIN camera_status s ON s.camera_id = c.id
  LEFT JOIN admin_areas a ON a.id = c.admin_area_id
WHERE ($1::float8 IS NULL OR c.geom && ST_MakeEnvelope($1::float8, $2::float8, $3::float8, $4::float8, 4326))
  AND c.id > $5::bigint
ORDER BY c.id
LIMIT $6::int
