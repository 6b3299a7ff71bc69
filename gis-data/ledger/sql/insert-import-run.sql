-- $8 created_by: the user name, or cli:<OS user>; $9 the file's SHA-256 (hex).
INSERT INTO import_runs (kind, file_name, format, dry_run, committed, counts, report, created_by, file_sha256)
VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9)
RETURNING id
