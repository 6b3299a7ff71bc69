-- Water areas and river lines, clipped to the bounds (drawn only, so cutting them is harmless).
INSERT INTO water (name, kind, geom)
SELECT w.name, w.kind, c.geom
FROM json_to_recordset($1::json) AS w(osm_id bigint, name text, kind text, shape text, geojson text)
CROSS JOIN LATERAL (
  SELECT CASE WHEN w.shape = 'lines' THEN ST_BuildArea(ST_LineMerge(ST_SetSRID(ST_GeomFromGeoJSON(w.geojson), 4326)))
              WHEN w.shape = 'polygon' THEN ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(w.geojson), 4326))
              ELSE ST_SetSRID(ST_GeomFromGeoJSON(w.geojson), 4326) END AS g
) src
CROSS JOIN LATERAL (SELECT ST_Intersection(src.g, ST_MakeEnvelope($2, $3, $4, $5, 4326)) AS geom) c
WHERE src.g IS NOT NULL AND ST_Intersects(src.g, ST_MakeEnvelope($2, $3, $4, $5, 4326)) AND NOT ST_IsEmpty(c.geom)
