INSERT INTO import_runs (kind, file_name, format, dry_run, committed, counts, report)
VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)
RETURNING id
