-- A batch of rejected rows of one import run ($1), as JSON records.
INSERT INTO import_rejections (run_id, row_no, seq, device_id, code, field, message)
SELECT $1, r.row_no, r.seq, r.device_id, r.code, r.field, r.message
FROM json_to_recordset($2::json) AS r(row_no integer, seq integer, device_id text, code text, field text, message text)
