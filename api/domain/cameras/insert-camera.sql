-- The admin area is the smallest one containing the point (town before county before city).
INSERT INTO cameras (device_id, name, type, geom, height_m, azimuth_deg, tilt_deg, resolution_h, resolution_v,
  hfov_deg, vfov_deg, sensor_width_mm, focal_length_mm, ptz_presets, install_date, removal_date, owner_unit,
  onvif_url, onvif_password_enc, onvif_user, provenance, source, resource_class, admin_area_id)
VALUES ($1, $2, $3, ST_SetSRID(ST_MakePoint($4::float8, $5::float8), 4326), $6, $7, $8, $9, $10, $11, $12, $13, $14,
  $15::jsonb, $16::date, $17::date, $18, $19, $20, $21, $22::jsonb, $23, $24::smallint,
  (SELECT a.id FROM admin_areas a WHERE ST_Intersects(a.geom, ST_SetSRID(ST_MakePoint($4::float8, $5::float8), 4326))
   ORDER BY CASE a.level WHEN 'town' THEN 0 WHEN 'county' THEN 1 ELSE 2 END LIMIT 1))
RETURNING id
