-- Rejects every staged row with one code, field and message (the GCJ-02 verdict applies to the
-- whole file), numbering them after the $2 rejections already stored; then the stage is emptied.
WITH moved AS (DELETE FROM ledger_stage RETURNING row_no, device_id)
INSERT INTO import_rejections (run_id, row_no, seq, device_id, code, field, message)
SELECT $1, m.row_no, $2 + row_number() OVER (ORDER BY m.row_no), m.device_id, $3, $4, $5
FROM moved m
