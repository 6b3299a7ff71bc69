-- Writes every editable column (the caller merged the patch into the current row); $20 is the
-- encrypted password, written only when $24 says it changed.
UPDATE cameras SET name = $2, type = $3, geom = ST_SetSRID(ST_MakePoint($4::float8, $5::float8), 4326), height_m = $6,
  azimuth_deg = $7, tilt_deg = $8, resolution_h = $9, resolution_v = $10, hfov_deg = $11, vfov_deg = $12,
  sensor_width_mm = $13, focal_length_mm = $14, ptz_presets = $15::jsonb, install_date = $16::date,
  removal_date = $17::date, owner_unit = $18, onvif_url = $19,
  onvif_password_enc = CASE WHEN $24::boolean THEN $20 ELSE onvif_password_enc END,
  onvif_user = $21, provenance = $22::jsonb, source = $23, resource_class = $25::smallint,
  admin_area_id = (SELECT a.id FROM admin_areas a WHERE ST_Intersects(a.geom, ST_SetSRID(ST_MakePoint($4::float8, $5::float8), 4326))
    ORDER BY CASE a.level WHEN 'town' THEN 0 WHEN 'county' THEN 1 ELSE 2 END LIMIT 1),
  updated_at = now()
WHERE device_id = $1
RETURNING id
