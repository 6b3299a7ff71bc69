SELECT row_no, device_id FROM ledger_stage ORDER BY row_no
