DELETE FROM ledger_stage
