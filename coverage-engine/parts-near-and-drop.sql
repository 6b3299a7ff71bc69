-- Parts the cameras' current footprints touch, plus parts whose results still list them (a
-- deleted camera's footprints are already gone), and drop those footprints (all variants) in
-- the same round trip; the CTE reads the footprints as they were before the delete.
WITH before AS (
  SELECT p.id::int AS id
  FROM camera_footprints f
  JOIN coverage_target_parts p ON p.geom_m && f.geom_m AND ST_Intersects(p.geom_m, f.geom_m)
  WHERE f.camera_id = ANY ($1::bigint[]) AND f.occluded
  UNION
  SELECT r.part_id::int FROM coverage_results r WHERE r.camera_ids && $1::bigint[]
), gone AS (
  DELETE FROM camera_footprints WHERE camera_id = ANY ($1::bigint[])
)
SELECT id FROM before
