-- One page of an import run's rejected rows in row order, after the cursor (row_no, seq).
SELECT row_no, seq, device_id, code, field, message
FROM import_rejections
WHERE run_id = $1 AND (row_no, seq) > ($2::integer, $3::integer)
ORDER BY row_no, seq
LIMIT $4
