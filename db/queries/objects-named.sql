-- The routines (functions, aggregates, procedures) and the view named $1 in this schema, with the
-- statement that drops each. `version` (the row's xmin) changes when a statement rewrites the
-- row, as CREATE OR REPLACE does: a routine whose version did not change was not redefined.
SELECT 'routine' AS kind, p.oid, p.oid::regprocedure::text AS identity, p.xmin::text AS version,
       format('DROP %s %s', CASE p.prokind WHEN 'a' THEN 'AGGREGATE' WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END,
              p.oid::regprocedure) AS drop
FROM pg_proc p
WHERE p.proname = $1 AND p.pronamespace = current_schema()::regnamespace
UNION ALL
SELECT 'view', c.oid, c.oid::regclass::text, c.xmin::text, format('DROP VIEW %s', c.oid::regclass)
FROM pg_class c
WHERE c.relname = $1 AND c.relnamespace = current_schema()::regnamespace AND c.relkind = 'v'
ORDER BY 1, 3
