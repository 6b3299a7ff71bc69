-- Moves staged footprints (planar WKB from the TypeScript sweep) into camera_footprints: low
-- building shadows are subtracted here (GEOS is faster than a JS clipper), anything invalid is
-- repaired, and empty footprints are dropped. $1: the occlusion variant. The CTE is
-- materialized so each geometry is built once (an inlined LATERAL would redo the difference
-- for every reference).
WITH g AS MATERIALIZED (
  SELECT s.camera_id, s.level, s.ppm, s.near_m, s.range_m, s.assumed,
         CASE WHEN sh.g IS NULL THEN fp.g ELSE ST_Difference(ST_MakeValid(fp.g), ST_UnaryUnion(sh.g)) END AS d
  FROM fp_stage s, (SELECT xl_metric_srid() AS v) srid,
  LATERAL (SELECT ST_GeomFromWKB(s.shape, srid.v) AS g) fp,
  LATERAL (SELECT ST_GeomFromWKB(s.shadows, srid.v) AS g) sh
),
m AS MATERIALIZED (
  SELECT g.camera_id, g.level, g.ppm, g.near_m, g.range_m, g.assumed,
         ST_Multi(ST_CollectionExtract(CASE WHEN ST_IsValid(g.d) THEN g.d ELSE ST_MakeValid(g.d) END, 3)) AS m
  FROM g
)
INSERT INTO camera_footprints AS f (camera_id, level, occluded, ppm, near_m, range_m, area_m2, assumed, computed_at, geom_m)
SELECT m.camera_id, m.level, $1, m.ppm, m.near_m, m.range_m, ST_Area(m.m), m.assumed, now(), m.m
FROM m
WHERE NOT ST_IsEmpty(m.m)
ON CONFLICT (camera_id, level, occluded) DO UPDATE
SET ppm = excluded.ppm, near_m = excluded.near_m, range_m = excluded.range_m, area_m2 = excluded.area_m2,
    assumed = excluded.assumed, computed_at = excluded.computed_at, geom_m = excluded.geom_m
