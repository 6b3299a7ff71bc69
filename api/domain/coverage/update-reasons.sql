-- The ANY keeps this an index lookup (a join on unnest alone was planned as a scan).
UPDATE coverage_blind_spots b SET reason = v.reason
FROM unnest($1::bigint[], $2::text[]) AS v (id, reason)
WHERE b.id = v.id AND b.id = ANY ($1::bigint[])
