-- A proposed camera of a what-if (what-if.ts), inserted inside a transaction that is rolled back:
-- installed today and working (camera_status OK), as a camera that was built and passed its
-- acceptance check. A clash of the random id or device id inserts nothing (the caller retries).
WITH c AS (
  INSERT INTO cameras (id, device_id, name, type, geom, height_m, azimuth_deg, tilt_deg, hfov_deg, vfov_deg, resolution_h,
                       resolution_v, ptz_presets, install_date, source)
  VALUES ($1, $2, $3, $4, ST_SetSRID(ST_MakePoint($5, $6), 4326), $7, $8, $9, $10, $11, $12, $13, $14::jsonb, xl_today(), 'what-if')
  ON CONFLICT DO NOTHING
  RETURNING id
)
INSERT INTO camera_status (camera_id, state, since, last_poll_at)
SELECT c.id, 'OK', now(), now() FROM c
RETURNING camera_id::bigint AS id
