-- Every column of the tables in catalogue-tables.sql: type, nullability, default or generation
-- expression, identity and storage, in column order.
SELECT c.relname::text AS tbl, a.attname::text AS col,
       concat_ws(' ', a.attnum, format_type(a.atttypid, a.atttypmod), CASE WHEN a.attnotnull THEN 'not null' END,
                 CASE WHEN a.attgenerated = 's' THEN 'generated' END, pg_get_expr(ad.adbin, ad.adrelid),
                 nullif(a.attidentity, ''), 'storage ' || a.attstorage::text) AS def
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
  AND a.attnum > 0 AND NOT a.attisdropped
  AND c.relname NOT IN ('schema_migrations', 'schema_repeatables')
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY 1, a.attnum
