-- Accepted rows that are new cameras (add) and rows of cameras already stored (existing: each is
-- an update or unchanged, as diff-stage.sql says).
SELECT count(*) FILTER (WHERE c.id IS NULL)::int AS add, count(c.id)::int AS existing
FROM ledger_stage s LEFT JOIN cameras c ON c.device_id = s.device_id
