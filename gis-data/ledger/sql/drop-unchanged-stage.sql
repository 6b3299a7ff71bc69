-- Staged rows of existing cameras that a commit would not change: left out of the upsert, so an
-- unchanged camera keeps its row as it is (updated_at, provenance, source).
DELETE FROM ledger_stage s
USING cameras c
WHERE c.device_id = s.device_id AND NOT s.changed
