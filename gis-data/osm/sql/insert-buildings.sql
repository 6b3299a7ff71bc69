-- Buildings whose point-on-surface lies inside the bounds, kept whole (cutting a building at the
-- box edge would make a false wall for occlusion). Relations are assembled by ST_BuildArea.
INSERT INTO buildings (osm_id, name, kind, height_m, height_assumed, geom)
SELECT b.osm_id, b.name, b.kind, b.height_m, b.height_assumed, a.geom
FROM json_to_recordset($1::json) AS b(osm_id bigint, name text, kind text, height_m real, height_assumed boolean, shape text, geojson text)
CROSS JOIN LATERAL (
  SELECT ST_Multi(ST_CollectionExtract(ST_MakeValid(
    CASE WHEN b.shape = 'lines' THEN ST_BuildArea(ST_LineMerge(ST_SetSRID(ST_GeomFromGeoJSON(b.geojson), 4326)))
         ELSE ST_SetSRID(ST_GeomFromGeoJSON(b.geojson), 4326) END), 3)) AS geom
) a
WHERE a.geom IS NOT NULL AND NOT ST_IsEmpty(a.geom)
  AND ST_Intersects(ST_PointOnSurface(a.geom), ST_MakeEnvelope($2, $3, $4, $5, 4326))
