-- One page of cameras for an export, in id order (keyset), optionally within a bbox, an admin
-- area ($8, with everything under it) and standing on a day. Never the credentials. The device
-- inventory is the ONVIF one when the agent has it, else what GB/T 28181 reported (camera_inventory).
WITH RECURSIVE sub (id) AS (
  SELECT id FROM admin_areas WHERE code = $8::text
  UNION ALL
  SELECT a.id FROM admin_areas a JOIN sub ON a.parent_id = sub.id
)
SELECT c.id, c.device_id, c.name, c.type, ST_X(c.geom) AS lon, ST_Y(c.geom) AS lat, c.height_m, c.azimuth_deg,
       c.tilt_deg, c.hfov_deg, c.vfov_deg, c.resolution_h, c.resolution_v, c.install_date::text AS install_date,
       c.removal_date::text AS removal_date, c.owner_unit, c.resource_class, c.source, a.code AS admin_code, a.name AS admin_name,
       coalesce(s.state, 'UNKNOWN') AS state, s.since, s.reason,
       inv.manufacturer, inv.model, inv.firmware, inv.serial, inv.source AS inventory_source
FROM cameras c
  LEFT JOIN camera_status s ON s.camera_id = c.id
  LEFT JOIN admin_areas a ON a.id = c.admin_area_id
  LEFT JOIN LATERAL (
    SELECT i.manufacturer, i.model, i.firmware, i.serial, i.source FROM camera_inventory i WHERE i.camera_id = c.id
    ORDER BY i.source = 'onvif' DESC LIMIT 1
  ) inv ON true
WHERE c.id > $1::bigint
  AND ($2::float8 IS NULL OR c.geom && ST_MakeEnvelope($2::float8, $3::float8, $4::float8, $5::float8, 4326))
  AND ($6::date IS NULL OR ((c.install_date IS NULL OR c.install_date <= $6::date) AND (c.removal_date IS NULL OR c.removal_date > $6::date)))
  AND ($8::text IS NULL OR c.admin_area_id IN (SELECT id FROM sub))
ORDER BY c.id
LIMIT $7::int
