-- Which of the names $1 have neither a routine nor a view in this schema: a repeatable object a
-- numbered migration dropped (say, a view in the way of a column change) is made again.
SELECT n.name
FROM unnest($1::text[]) AS n (name)
WHERE NOT EXISTS (SELECT 1 FROM pg_proc p WHERE p.proname = n.name AND p.pronamespace = current_schema()::regnamespace)
  AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.relname = n.name AND c.relnamespace = current_schema()::regnamespace AND c.relkind = 'v')
