-- Routines of this schema that no extension owns, with everything that decides their behaviour.
SELECT p.oid::regprocedure::text AS identity,
       p.prokind::text AS kind,
       concat_ws(' | ', pg_get_function_arguments(p.oid), pg_get_function_result(p.oid), l.lanname,
                 p.provolatile, p.proparallel, CASE WHEN p.proisstrict THEN 'strict' END,
                 CASE WHEN p.prosecdef THEN 'security definer' END, CASE WHEN p.proleakproof THEN 'leakproof' END,
                 'cost ' || p.procost, 'rows ' || p.prorows, array_to_string(p.proconfig, ', ')) AS header,
       p.prosrc AS body,
       CASE WHEN a.aggfnoid IS NOT NULL
            THEN concat_ws(' | ', a.aggtransfn::regprocedure::text, format_type(a.aggtranstype, NULL), a.agginitval,
                           nullif(a.aggfinalfn, 0)::regprocedure::text)
       END AS aggregate
FROM pg_proc p
JOIN pg_language l ON l.oid = p.prolang
LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid
WHERE p.pronamespace = current_schema()::regnamespace
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
ORDER BY 1
