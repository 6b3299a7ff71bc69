INSERT INTO targets (class, kind, name, required_level, source, source_ref, geom)
SELECT 'intersection', i.kind, i.name,
       coalesce((SELECT value ->> 'intersection' FROM settings WHERE key = 'default_levels'), 'observe'),
       'osm', i.source_ref, ST_SetSRID(ST_MakePoint(i.lon, i.lat), 4326)
FROM json_to_recordset($1::json) AS i(kind text, name text, source_ref text, lon double precision, lat double precision)
WHERE ST_Intersects(ST_SetSRID(ST_MakePoint(i.lon, i.lat), 4326), ST_MakeEnvelope($2, $3, $4, $5, 4326))
