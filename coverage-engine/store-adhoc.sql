-- A one-off evaluation (another date, level, the optics-only footprints or some resource classes)
-- under a run id. $1 part ids, $2 run id, $3 only working, $4 as-of date, $5 level or NULL,
-- $6 occluded variant, $7 resource classes or NULL (every camera).
INSERT INTO coverage_adhoc (run_id, part_id, covered, camera_ids, assumed, uncovered_m)
SELECT $2, r.part_id, r.covered, r.camera_ids, r.assumed, r.uncovered_m
FROM xl_part_coverage($1::bigint[], $3, $4::date, $5, $6, $7::smallint[]) r
