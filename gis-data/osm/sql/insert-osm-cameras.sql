INSERT INTO cameras (device_id, name, type, geom, height_m, azimuth_deg, tilt_deg, resolution_h, resolution_v,
                     hfov_deg, vfov_deg, ptz_presets, provenance, source)
SELECT c.device_id, c.name, c.type, ST_SetSRID(ST_MakePoint(c.lon, c.lat), 4326), c.height_m, c.azimuth_deg, c.tilt_deg,
       1920, 1080, c.hfov_deg, c.vfov_deg, c.ptz_presets, c.provenance, 'osm'
FROM json_to_recordset($1::json) AS c(device_id text, name text, type text, lon double precision, lat double precision,
  height_m real, azimuth_deg real, tilt_deg real, hfov_deg real, vfov_deg real, ptz_presets jsonb, provenance jsonb)
WHERE ST_Intersects(ST_SetSRID(ST_MakePoint(c.lon, c.lat), 4326), ST_MakeEnvelope($2, $3, $4, $5, 4326))
