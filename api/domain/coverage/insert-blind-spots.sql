-- Blind spots of one mode from the per-part results: the uncovered pieces of each target merged
-- across its parts (a gap that straddles two road pieces is one gap), minus pieces under the
-- thresholds, and nothing for intersections that count as covered.
-- $1 mode, $2 target ids or NULL, $3 covered share for intersections, $4 min gap m, $5 min sliver m².
INSERT INTO coverage_blind_spots (mode, target_id, class, admin_area_id, measure, priority, geom, geom_m)
SELECT $1, t.target_id, t.class, t.area_id, m.measure, t.priority, ST_Transform(d.geom, 4326), d.geom
FROM (
  SELECT p.target_id, min(p.class) AS class, min(p.admin_area_id) AS area_id, max(p.priority) AS priority,
         sum(p.measure) AS measure, sum(r.covered) AS covered,
         ST_Union(r.uncovered_m) FILTER (WHERE r.uncovered_m IS NOT NULL AND NOT ST_IsEmpty(r.uncovered_m)) AS u
  FROM coverage_target_parts p
  JOIN coverage_results r ON r.part_id = p.id AND r.mode = $1
  WHERE $2::bigint[] IS NULL OR p.target_id = ANY ($2)
  GROUP BY p.target_id
) t
CROSS JOIN LATERAL ST_Dump(CASE WHEN t.class = 'road' THEN ST_LineMerge(ST_CollectionExtract(t.u, 2)) ELSE ST_CollectionExtract(t.u, 3) END) d
CROSS JOIN LATERAL (SELECT CASE WHEN ST_Dimension(d.geom) = 1 THEN ST_Length(d.geom) ELSE ST_Area(d.geom) END AS measure) m
WHERE t.u IS NOT NULL
  AND NOT (t.class = 'intersection' AND t.covered >= $3::float8 * t.measure)
  AND m.measure >= CASE WHEN ST_Dimension(d.geom) = 1 THEN $4::float8 ELSE $5::float8 END
