-- Indexes of this schema's own tables, as CREATE INDEX statements.
SELECT i.indexname::text AS name, i.indexdef AS def
FROM pg_indexes i
JOIN pg_class c ON c.relname = i.tablename AND c.relnamespace = current_schema()::regnamespace
WHERE i.schemaname = current_schema()
  AND i.tablename NOT IN ('schema_migrations', 'schema_repeatables')
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY 1
