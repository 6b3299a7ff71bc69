-- Parts that any stored footprint of these cameras touches, or whose results list them.
SELECT p.id::int AS id
FROM camera_footprints f
JOIN coverage_target_parts p ON p.geom_m && f.geom_m AND ST_Intersects(p.geom_m, f.geom_m)
WHERE f.camera_id = ANY ($1::bigint[]) AND f.occluded
UNION
SELECT r.part_id::int FROM coverage_results r WHERE r.camera_ids && $1::bigint[]
