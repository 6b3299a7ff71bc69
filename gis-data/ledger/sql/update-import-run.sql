-- The run's outcome, once the file has been read (the row was inserted when the run began).
UPDATE import_runs SET dry_run = $2, committed = $3, counts = $4::jsonb, report = $5::jsonb, stopped = $6::jsonb
WHERE id = $1
