-- Crowded places as polygons: mapped areas as they are, points (a metro entrance, a school node)
-- buffered to a disc of $6 metres. Kept when their point-on-surface lies inside the bounds.
INSERT INTO targets (class, kind, name, required_level, source, source_ref, geom)
SELECT 'crowded_place', c.kind, c.name,
       coalesce((SELECT value ->> 'crowded_place' FROM settings WHERE key = 'default_levels'), 'recognise'),
       'osm', (CASE WHEN c.shape = 'point' THEN 'node/' WHEN c.shape = 'lines' THEN 'relation/' ELSE 'way/' END) || c.osm_id, a.geom
FROM json_to_recordset($1::json) AS c(osm_id bigint, name text, kind text, shape text, geojson text)
CROSS JOIN LATERAL (
  SELECT CASE
    WHEN c.shape = 'point' THEN ST_Buffer(ST_SetSRID(ST_GeomFromGeoJSON(c.geojson), 4326)::geography, $6, 'quad_segs=8')::geometry
    WHEN c.shape = 'lines' THEN ST_BuildArea(ST_LineMerge(ST_SetSRID(ST_GeomFromGeoJSON(c.geojson), 4326)))
    ELSE ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(c.geojson), 4326)), 3) END AS geom
) a
WHERE a.geom IS NOT NULL AND NOT ST_IsEmpty(a.geom)
  AND ST_Intersects(ST_PointOnSurface(a.geom), ST_MakeEnvelope($2, $3, $4, $5, 4326))
