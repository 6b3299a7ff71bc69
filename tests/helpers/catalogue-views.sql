-- Views of this schema that no extension owns, with their definitions.
SELECT c.relname::text AS name, pg_get_viewdef(c.oid) AS definition
FROM pg_class c
WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('v', 'm')
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY 1
