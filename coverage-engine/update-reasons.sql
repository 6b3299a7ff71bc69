-- Writes judged reasons ($1 ids, $2 reasons; $3/$4 the smallest and largest id). The ANY and
-- the id bounds keep this an index lookup (a join on unnest alone was planned as a scan of the
-- whole table); rows that already carry the reason are not rewritten.
UPDATE coverage_blind_spots b SET reason = v.reason
FROM unnest($1::bigint[], $2::text[]) AS v (id, reason)
WHERE b.id = v.id AND b.id = ANY ($1::bigint[]) AND b.id BETWEEN $3::bigint AND $4::bigint AND b.reason IS DISTINCT FROM v.reason
