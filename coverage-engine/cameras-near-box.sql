-- Cameras whose stored footprint reaches a planar box, or that stand within $5 m of it (a new
-- building can also hide what a camera could not see before only if the camera is near).
SELECT DISTINCT c.id::int AS id
FROM cameras c
WHERE c.geom && ST_Transform(ST_Expand(ST_MakeEnvelope($1, $2, $3, $4, xl_metric_srid()), $5), 4326)
   OR EXISTS (SELECT 1 FROM camera_footprints f WHERE f.camera_id = c.id AND f.geom_m && ST_MakeEnvelope($1, $2, $3, $4, xl_metric_srid()))
