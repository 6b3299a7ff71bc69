INSERT INTO places (name, name_en, kind, geom)
SELECT p.name, p.name_en, p.kind, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326)
FROM json_to_recordset($1::json) AS p(name text, name_en text, kind text, lon double precision, lat double precision)
WHERE ST_Intersects(ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326), ST_MakeEnvelope($2, $3, $4, $5, 4326))
