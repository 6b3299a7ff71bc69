-- Moves staged footprints (planar WKT from the TypeScript sweep) into camera_footprints: low
-- building shadows are subtracted here (GEOS is faster than a JS clipper), anything invalid is
-- repaired, and empty footprints are dropped. $1: the occlusion variant.
INSERT INTO camera_footprints AS f (camera_id, level, occluded, ppm, near_m, range_m, area_m2, assumed, computed_at, geom, geom_m)
SELECT s.camera_id, s.level, $1, s.ppm, s.near_m, s.range_m, ST_Area(g.m), s.assumed, now(), ST_Transform(g.m, 4326), g.m
FROM fp_stage s
CROSS JOIN LATERAL (SELECT ST_GeomFromText(s.wkt, xl_metric_srid()) AS raw) r
CROSS JOIN LATERAL (
  SELECT CASE WHEN s.shadows IS NULL THEN r.raw
              ELSE ST_Difference(CASE WHEN ST_IsValid(r.raw) THEN r.raw ELSE ST_MakeValid(r.raw) END,
                                 ST_UnaryUnion(ST_GeomFromText(s.shadows, xl_metric_srid()))) END AS d
) d
CROSS JOIN LATERAL (SELECT ST_Multi(ST_CollectionExtract(CASE WHEN ST_IsValid(d.d) THEN d.d ELSE ST_MakeValid(d.d) END, 3)) AS m) g
WHERE NOT ST_IsEmpty(g.m)
ON CONFLICT (camera_id, level, occluded) DO UPDATE
SET ppm = excluded.ppm, near_m = excluded.near_m, range_m = excluded.range_m, area_m2 = excluded.area_m2,
    assumed = excluded.assumed, computed_at = excluded.computed_at, geom = excluded.geom, geom_m = excluded.geom_m
