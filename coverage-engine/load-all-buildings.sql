-- Every building outline in planar metres for a full recompute, read with binary COPY (COPY
-- takes no parameters: load-buildings.sql serves a box). Same rows as load-buildings.sql.
SELECT b.id, b.height_m, b.height_assumed, ST_AsBinary(ST_Transform(ST_ExteriorRing(d.geom), (SELECT xl_metric_srid())))
FROM buildings b
CROSS JOIN LATERAL ST_Dump(CASE WHEN ST_IsValid(b.geom) THEN b.geom ELSE ST_CollectionExtract(ST_MakeValid(b.geom), 3) END) d
WHERE GeometryType(d.geom) = 'POLYGON'
