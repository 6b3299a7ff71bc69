-- Blind spots at a past date (one-off run $1) against today's design results: per class, the
-- uncovered amount then, the part of it closed since, and the part still open (m or m²).
-- Gap lines from two evaluations are not bit-identical, so today's gaps are widened by 1 cm
-- before the difference (a line minus a line would otherwise keep near-collinear pieces).
SELECT p.class,
       count(DISTINCT p.target_id) FILTER (WHERE a.covered < p.measure * 0.999999)::int AS targets_then,
       sum(p.measure - a.covered) AS uncovered_then,
       sum(CASE WHEN a.uncovered_m IS NULL OR ST_IsEmpty(a.uncovered_m) THEN 0
                WHEN r.uncovered_m IS NULL OR ST_IsEmpty(r.uncovered_m) THEN (p.measure - a.covered)
                ELSE CASE WHEN ST_Dimension(p.geom_m) = 1 THEN ST_Length(ST_Difference(a.uncovered_m, ST_Buffer(r.uncovered_m, 0.01)))
                          ELSE ST_Area(ST_Difference(a.uncovered_m, r.uncovered_m)) END END) AS closed_since
FROM coverage_adhoc a
JOIN coverage_target_parts p ON p.id = a.part_id
LEFT JOIN coverage_results r ON r.part_id = a.part_id AND r.mode = 'design'
WHERE a.run_id = $1
GROUP BY p.class
ORDER BY p.class
