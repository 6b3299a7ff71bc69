-- Cameras outside every admin area (their figures still count for the city).
SELECT c.id::int AS camera_id, c.device_id
FROM cameras c
WHERE ($1::bigint[] IS NULL OR c.id = ANY ($1))
  AND NOT EXISTS (SELECT 1 FROM admin_areas a WHERE ST_Intersects(a.geom, c.geom))
