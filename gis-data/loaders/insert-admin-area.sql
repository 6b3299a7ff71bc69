INSERT INTO admin_areas (code, name, name_en, level, parent_id, geom)
VALUES ($1, $2, $3, $4, (SELECT id FROM admin_areas WHERE code = $5), ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($6), 4326)))
RETURNING id
