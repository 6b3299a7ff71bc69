SELECT count(*) FILTER (WHERE c.id IS NULL)::int AS add, count(c.id)::int AS update
FROM ledger_stage s LEFT JOIN cameras c ON c.device_id = s.device_id
