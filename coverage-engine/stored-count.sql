SELECT (SELECT count(*) FROM coverage_results)::int * (SELECT least(count(*), 1) FROM coverage_target_parts)::int AS n
