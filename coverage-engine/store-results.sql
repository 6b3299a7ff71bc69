-- Evaluates parts from the stored footprints and keeps the result for one mode.
-- $1 part ids, $2 mode ('design' | 'now'), $3 only working cameras, $4 as-of date.
INSERT INTO coverage_results AS x (part_id, mode, covered, camera_ids, assumed, uncovered_m, computed_at)
SELECT r.part_id, $2, r.covered, r.camera_ids, r.assumed, r.uncovered_m, now()
FROM xl_part_coverage($1::bigint[], $3, $4::date, NULL, true) r
ON CONFLICT (part_id, mode) DO UPDATE
SET covered = excluded.covered, camera_ids = excluded.camera_ids, assumed = excluded.assumed,
    uncovered_m = excluded.uncovered_m, computed_at = excluded.computed_at
