-- Names of the routines and views that depend on the routines $1 or the views $2 (a view's query,
-- an aggregate's transition function, a SQL-standard function body): PostgreSQL will not drop
-- those objects before them. Other dependents (columns, constraints, triggers) are not listed:
-- the DROP then fails and its message names them.
SELECT DISTINCT coalesce(p.proname, c.relname)::text AS name
FROM pg_depend d
LEFT JOIN pg_proc p ON d.classid = 'pg_proc'::regclass AND p.oid = d.objid
LEFT JOIN pg_rewrite r ON d.classid = 'pg_rewrite'::regclass AND r.oid = d.objid
LEFT JOIN pg_class c ON c.oid = r.ev_class AND c.relkind = 'v'
WHERE d.deptype = 'n'
  AND ((d.refclassid = 'pg_proc'::regclass AND d.refobjid = ANY ($1::oid[]))
    OR (d.refclassid = 'pg_class'::regclass AND d.refobjid = ANY ($2::oid[])))
  AND coalesce(p.oid, c.oid) IS NOT NULL
  AND NOT coalesce(p.oid, c.oid) = ANY ($1::oid[] || $2::oid[])
ORDER BY 1
