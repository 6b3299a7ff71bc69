-- History rows evaluated by GEOS: each part ($1) with the cameras in service on its day ($2).
INSERT INTO coverage_history (part_id, from_day, covered, camera_ids, assumed)
SELECT u.part_id, u.d, r.covered, r.camera_ids, r.assumed
FROM unnest($1::bigint[], $2::date[]) AS u (part_id, d)
CROSS JOIN LATERAL xl_part_coverage(ARRAY[u.part_id], false, u.d, NULL, true) r
ON CONFLICT (part_id, from_day) DO UPDATE SET covered = excluded.covered, camera_ids = excluded.camera_ids, assumed = excluded.assumed
