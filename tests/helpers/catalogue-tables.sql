-- Tables and sequences of this schema (not an extension's, not the migrator's bookkeeping), with
-- their kind, persistence (logged, unlogged) and storage options.
SELECT c.relname::text AS name, c.relkind::text AS kind, c.relpersistence::text AS persistence, c.reloptions AS options
FROM pg_class c
WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'S')
  AND c.relname NOT IN ('schema_migrations', 'schema_repeatables')
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY 1
