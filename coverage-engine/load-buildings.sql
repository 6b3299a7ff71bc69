-- Building outlines in planar metres inside a planar box ($1..$4; NULL for all), one row per
-- polygon of each multipolygon, repaired when invalid so the sweep gets simple rings.
SELECT b.id::int AS id, b.height_m, b.height_assumed, ST_AsGeoJSON(ST_Transform(ST_ExteriorRing(d.geom), (SELECT xl_metric_srid())), 3) AS ring
FROM buildings b
CROSS JOIN LATERAL ST_Dump(CASE WHEN ST_IsValid(b.geom) THEN b.geom ELSE ST_CollectionExtract(ST_MakeValid(b.geom), 3) END) d
WHERE ($1::float8 IS NULL OR b.geom && ST_Transform(ST_MakeEnvelope($1, $2, $3, $4, (SELECT xl_metric_srid())), 4326)) AND GeometryType(d.geom) = 'POLYGON'
