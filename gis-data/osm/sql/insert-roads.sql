-- Roads clipped to the bounds; a way cut into pieces by the box becomes one row per piece.
INSERT INTO roads (osm_id, name, class, geom)
SELECT r.osm_id, r.name, r.class, d.geom
FROM json_to_recordset($1::json) AS r(osm_id bigint, name text, class text, geojson text)
CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_GeomFromGeoJSON(r.geojson), 4326) AS g) src
CROSS JOIN LATERAL ST_Dump(ST_CollectionExtract(ST_Intersection(src.g, ST_MakeEnvelope($2, $3, $4, $5, 4326)), 2)) AS d
WHERE ST_Intersects(src.g, ST_MakeEnvelope($2, $3, $4, $5, 4326))
  AND ST_GeometryType(d.geom) = 'ST_LineString'
