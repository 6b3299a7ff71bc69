-- The bench registry: $1 cameras 34010000001320000001… (the devices, then the platform's channels).
INSERT INTO cameras (device_id, name, type, geom, height_m, source)
SELECT '34010000001320' || lpad(g::text, 6, '0'), 'bench ' || g, 'fixed',
  ST_SetSRID(ST_MakePoint(117.2 + (g % 100) * 0.001, 31.8 + (g / 100) * 0.001), 4326), 6, 'bench'
FROM generate_series(1, $1::int) AS g
