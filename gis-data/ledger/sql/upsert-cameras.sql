-- Upsert on device_id: the ledger is authoritative for every field it carries; a stored value (owner unit, address,
-- user, ONVIF and GB/T 28181 passwords, PTZ presets) is kept when the ledger has none. Unchanged
-- cameras were dropped from the stage before (drop-unchanged-stage.sql). The admin area is the smallest that contains it.
-- Returns each device id written and whether it was new (xmax = 0: no earlier row version), for
-- the audit entry of the commit.
INSERT INTO cameras (device_id, name, type, geom, height_m, azimuth_deg, tilt_deg, hfov_deg, vfov_deg, resolution_h, resolution_v,
                     install_date, removal_date, owner_unit, resource_class, onvif_url, onvif_user, onvif_password_enc, gb_password_enc, ptz_presets, provenance,
                     source, admin_area_id)
SELECT s.device_id, s.name, s.type, ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326), s.height_m, s.azimuth_deg, s.tilt_deg, s.hfov_deg,
       s.vfov_deg, s.resolution_h, s.resolution_v, s.install_date, s.removal_date, s.owner_unit, s.resource_class, s.onvif_url, s.onvif_user,
       s.onvif_password_enc, s.gb_password_enc, s.ptz_presets, s.provenance, s.source,
       (SELECT a.id FROM admin_areas a WHERE ST_Intersects(a.geom, ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326)) ORDER BY ST_Area(a.geom) LIMIT 1)
FROM ledger_stage s
ON CONFLICT (device_id) DO UPDATE SET
  name = EXCLUDED.name, type = EXCLUDED.type, geom = EXCLUDED.geom, height_m = EXCLUDED.height_m, azimuth_deg = EXCLUDED.azimuth_deg,
  tilt_deg = EXCLUDED.tilt_deg, hfov_deg = EXCLUDED.hfov_deg, vfov_deg = EXCLUDED.vfov_deg, resolution_h = EXCLUDED.resolution_h,
  resolution_v = EXCLUDED.resolution_v, install_date = EXCLUDED.install_date, removal_date = EXCLUDED.removal_date,
  owner_unit = coalesce(EXCLUDED.owner_unit, cameras.owner_unit),
  resource_class = coalesce(EXCLUDED.resource_class, cameras.resource_class), onvif_url = coalesce(EXCLUDED.onvif_url, cameras.onvif_url),
  onvif_user = coalesce(EXCLUDED.onvif_user, cameras.onvif_user),
  onvif_password_enc = coalesce(EXCLUDED.onvif_password_enc, cameras.onvif_password_enc),
  gb_password_enc = coalesce(EXCLUDED.gb_password_enc, cameras.gb_password_enc),
  -- Only OSM JSON carries presets: a ledger without them (CSV, Excel, the camera export) keeps the stored ones.
  ptz_presets = CASE WHEN EXCLUDED.ptz_presets = '[]'::jsonb THEN cameras.ptz_presets ELSE EXCLUDED.ptz_presets END, provenance = EXCLUDED.provenance, source = EXCLUDED.source,
  admin_area_id = EXCLUDED.admin_area_id, updated_at = now()
RETURNING device_id, (xmax = 0) AS inserted
