-- Serialises dataset loads (two `npm start`s at once, or a load racing an import): the second
-- waits, then sees the first one's data and refuses or replaces it. Released at commit/rollback.
SELECT pg_advisory_xact_lock(hashtext('xueliang:dataset-load'))
