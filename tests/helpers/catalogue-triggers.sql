-- User triggers (not the ones foreign keys make) on this schema's tables.
SELECT t.tgname::text AS name, pg_get_triggerdef(t.oid) AS def
FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid
WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal
ORDER BY 1
