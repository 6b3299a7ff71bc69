-- Targets the engine cannot evaluate as given: an unknown or empty required level (the class
-- default is used), a geometry that had to be repaired, or no admin area holding them.
SELECT t.id::int AS target_id, t.class, t.name,
       NOT (t.required_level = ANY ($1::text[])) AS bad_level,
       t.required_level,
       NOT ST_IsValid(t.geom) AS invalid,
       CASE WHEN ST_IsValid(t.geom) THEN NULL ELSE ST_IsValidReason(t.geom) END AS invalid_reason,
       (t.admin_area_id IS NULL AND NOT EXISTS (SELECT 1 FROM admin_areas a WHERE ST_Intersects(a.geom, ST_PointOnSurface(t.geom)))) AS outside
FROM targets t
WHERE ($2::bigint[] IS NULL OR t.id = ANY ($2))
  AND (NOT (t.required_level = ANY ($1::text[])) OR NOT ST_IsValid(t.geom)
       OR (t.admin_area_id IS NULL AND NOT EXISTS (SELECT 1 FROM admin_areas a WHERE ST_Intersects(a.geom, ST_PointOnSurface(t.geom)))))
