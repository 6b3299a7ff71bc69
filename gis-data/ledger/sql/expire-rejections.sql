-- Rejected rows are kept 30 days (the run's counts and first rows stay in import_runs).
DELETE FROM import_rejections r USING import_runs i
WHERE r.run_id = i.id AND i.created_at < now() - interval '30 days'
