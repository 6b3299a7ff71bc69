-- Targets with geometry repaired by ST_MakeValid, keeping the input's own dimension
-- (a repaired polygon stays polygonal: no stray lines or points from the repair).
INSERT INTO targets (class, kind, name, required_level, priority, source, source_ref, geom, admin_area_id)
SELECT $2, t.kind, t.name,
       coalesce($3, (SELECT value ->> $2 FROM settings WHERE key = 'default_levels'), $4),
       coalesce(t.priority, 1), $5, t.source_ref, v.geom,
       (SELECT a.id FROM admin_areas a WHERE ST_Intersects(a.geom, ST_PointOnSurface(v.geom)) ORDER BY ST_Area(a.geom) LIMIT 1)
FROM json_to_recordset($1::json) AS t(kind text, name text, priority real, source_ref text, geojson text, dim integer)
CROSS JOIN LATERAL (
  SELECT ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(t.geojson), 4326)), t.dim + 1) AS geom
) v
WHERE NOT ST_IsEmpty(v.geom)
