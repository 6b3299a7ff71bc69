SELECT kind, count(*)::int AS n FROM coverage_issues GROUP BY kind ORDER BY kind
