-- When the stored figures of a mode ($1 'design' | 'now') were last computed: the newest result
-- row. The city pass writes every row; a refresh after status changes writes the rows it
-- re-evaluated. NULL when nothing is stored.
SELECT max(computed_at) AS "computedAt" FROM coverage_results WHERE mode = $1
