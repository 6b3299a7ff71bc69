INSERT INTO admin_areas (code, name, name_en, level, parent_id, geom)
SELECT a.code, a.name, a.name_en, a.level,
       (SELECT p.id FROM admin_areas p WHERE p.code = a.parent_code),
       ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(a.geojson), 4326)), 3))
FROM json_to_recordset($1::json) AS a(code text, name text, name_en text, level text, parent_code text, geojson text)
ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, level = EXCLUDED.level,
  parent_id = EXCLUDED.parent_id, geom = EXCLUDED.geom
