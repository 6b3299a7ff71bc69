-- Constraints (keys, checks, foreign keys) of this schema's own tables.
SELECT c.relname::text AS tbl, k.conname::text AS name, pg_get_constraintdef(k.oid) AS def
FROM pg_constraint k
JOIN pg_class c ON c.oid = k.conrelid
WHERE c.relnamespace = current_schema()::regnamespace
  AND c.relname NOT IN ('schema_migrations', 'schema_repeatables')
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY 1, 2
