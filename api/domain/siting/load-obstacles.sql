-- Building outlines (outer rings) in planar metres within the given metric box, with heights.
-- $1..$4 = minX, minY, maxX, maxY in xl_metric_srid(); $5 = height for unmapped buildings.
WITH box AS (SELECT ST_Transform(ST_MakeEnvelope($1, $2, $3, $4, (SELECT xl_metric_srid())), 4326) AS b)
SELECT b.id, coalesce(b.height_m, $5::real) AS height_m, (b.height_m IS NULL OR b.height_assumed) AS assumed,
  ST_AsGeoJSON(ST_ExteriorRing(ST_Transform(d.geom, (SELECT xl_metric_srid()))), 2)::json -> 'coordinates' AS ring
FROM buildings b, box, LATERAL ST_Dump(b.geom) d
WHERE b.geom && box.b
