-- A camera ledger import run and its number of rejected rows.
SELECT coalesce((counts ->> 'reject')::int, 0) AS total FROM import_runs WHERE id = $1 AND kind = 'cameras'
