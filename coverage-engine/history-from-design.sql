-- History rows that take today's design result ($1 parts, $2 their days).
INSERT INTO coverage_history (part_id, from_day, covered, camera_ids, assumed)
SELECT u.part_id, u.d, r.covered, r.camera_ids, r.assumed
FROM unnest($1::bigint[], $2::date[]) AS u (part_id, d)
JOIN coverage_results r ON r.part_id = u.part_id AND r.mode = 'design'
ON CONFLICT (part_id, from_day) DO UPDATE SET covered = excluded.covered, camera_ids = excluded.camera_ids, assumed = excluded.assumed
