-- Detail levels the targets ask for (after fallbacks), i.e. the footprints worth storing.
SELECT DISTINCT required_level AS level FROM coverage_target_parts
