-- Staged cameras whose values a commit would change (diff-stage.sql, one page of device ids).
UPDATE ledger_stage SET changed = true WHERE device_id = ANY ($1::text[])
