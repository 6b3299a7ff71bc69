INSERT INTO coverage_issues (kind, camera_id, target_id, message)
SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[])
