-- History rows evaluated by GEOS: each part ($1) with the cameras in service at its month end ($2).
INSERT INTO coverage_history (part_id, from_month, covered)
SELECT u.part_id, u.m, r.covered
FROM unnest($1::bigint[], $2::date[]) AS u (part_id, m)
CROSS JOIN LATERAL xl_part_coverage(ARRAY[u.part_id], false, u.m, NULL, true) r
ON CONFLICT (part_id, from_month) DO UPDATE SET covered = excluded.covered
