-- The row that first staged each of these device ids (for a duplicate's message).
SELECT device_id, row_no FROM ledger_stage WHERE device_id = ANY ($1::text[])
