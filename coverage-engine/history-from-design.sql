-- History rows that take today's design result ($1 parts, $2 their month ends).
INSERT INTO coverage_history (part_id, from_month, covered)
SELECT u.part_id, u.m, r.covered
FROM unnest($1::bigint[], $2::date[]) AS u (part_id, m)
JOIN coverage_results r ON r.part_id = u.part_id AND r.mode = 'design'
ON CONFLICT (part_id, from_month) DO UPDATE SET covered = excluded.covered
