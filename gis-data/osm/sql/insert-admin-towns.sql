-- Complete boundary relations (every member way present, rings closed) clipped to the bounds,
-- as towns under the study area. Codes: county code + a 3-digit sequence (GB/T 2260 township style).
INSERT INTO admin_areas (code, name, name_en, level, parent_id, geom)
SELECT $7 || lpad((row_number() OVER (ORDER BY b.osm_id))::text, 3, '0'), b.name, b.name, 'town', $6, a.geom
FROM json_to_recordset($1::json) AS b(osm_id bigint, name text, geojson text)
CROSS JOIN LATERAL (
  SELECT ST_Multi(ST_CollectionExtract(ST_Intersection(
    ST_MakeValid(ST_BuildArea(ST_LineMerge(ST_SetSRID(ST_GeomFromGeoJSON(b.geojson), 4326)))),
    ST_MakeEnvelope($2, $3, $4, $5, 4326)), 3)) AS geom
) a
WHERE a.geom IS NOT NULL AND NOT ST_IsEmpty(a.geom)
