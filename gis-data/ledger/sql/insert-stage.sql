-- Accepted rows, first occurrence of a device id wins: a later duplicate is not inserted and is
-- told apart by the row numbers RETURNING leaves out (the file's ids are never held in memory).
INSERT INTO ledger_stage
SELECT s.row_no, s.device_id, s.name, s.type, s.lon, s.lat, s.height_m, s.azimuth_deg, s.tilt_deg, s.hfov_deg, s.vfov_deg,
       s.resolution_h, s.resolution_v, s.install_date, s.removal_date, s.owner_unit, s.resource_class, s.onvif_url, s.onvif_user,
       decode(s.onvif_password_enc, 'base64'), decode(s.gb_password_enc, 'base64'), s.ptz_presets, s.provenance, s.source
FROM json_to_recordset($1::json) AS s(row_no integer, device_id text, name text, type text, lon double precision, lat double precision,
  height_m real, azimuth_deg real, tilt_deg real, hfov_deg real, vfov_deg real, resolution_h integer, resolution_v integer,
  install_date date, removal_date date, owner_unit text, resource_class smallint, onvif_url text, onvif_user text, onvif_password_enc text, gb_password_enc text,
  ptz_presets jsonb, provenance jsonb, source text)
ON CONFLICT (device_id) DO NOTHING
RETURNING row_no
