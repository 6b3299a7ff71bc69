-- The design result of parts GEOS evaluated, and whether "now" is the same (same cameras, same
-- covered amount), for cutting their blind spots in TypeScript. $1 part ids.
SELECT d.part_id, d.covered, (n.covered = d.covered AND n.camera_ids = d.camera_ids) AS same, ST_AsEWKB(d.uncovered_m) AS ewkb
FROM coverage_results d
JOIN coverage_results n ON n.part_id = d.part_id AND n.mode = 'now'
WHERE d.mode = 'design' AND d.part_id = ANY ($1::bigint[])
