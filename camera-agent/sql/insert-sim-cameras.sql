-- Registers $1 simulated cameras (device ids 3401000000132 0 + serial from $4) pointing at the
-- simulator on 127.0.0.1:$2, all with user 'admin' and the encrypted password $3; for benchmarks
-- and tests that need a fleet without the demo generator.
INSERT INTO cameras (device_id, name, type, geom, height_m, onvif_url, onvif_user, onvif_password_enc, source)
SELECT '340100000013' || '2' || '0' || lpad((($4::int) + g)::text, 6, '0'),
  'sim ' || g, 'fixed', ST_SetSRID(ST_MakePoint(117.2 + (g % 100) * 0.001, 31.8 + (g / 100) * 0.001), 4326), 6,
  'http://127.0.0.1:' || $2::int || '/onvif/340100000013' || '2' || '0' || lpad((($4::int) + g)::text, 6, '0') || '/device_service',
  'admin', $3::bytea, 'simulator'
FROM generate_series(1, $1::int) AS g
ON CONFLICT (device_id) DO NOTHING
