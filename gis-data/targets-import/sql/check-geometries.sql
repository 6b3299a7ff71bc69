-- Validity of each incoming geometry, so repairs are reported rather than done silently.
SELECT f.idx, ST_IsValid(g.geom) AS valid,
       CASE WHEN ST_IsValid(g.geom) THEN NULL ELSE ST_IsValidReason(g.geom) END AS reason,
       ST_IsEmpty(g.geom) AS empty, ST_Dimension(g.geom) AS dim
FROM json_to_recordset($1::json) AS f(idx integer, geojson text)
CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_GeomFromGeoJSON(f.geojson), 4326) AS geom) g
