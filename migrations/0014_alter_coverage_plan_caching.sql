-- Refreshes were dominated by planning, not execution (about 20 ms to plan the inlined
-- per-part evaluation, under 1 ms to run it). plpgsql caches its statements' plans per session,
-- and with a forced generic plan (xl_refresh_parts, whose filters are all "= ANY") a pooled
-- connection plans each statement once. The body of
-- xl_insert_blind_spots is unchanged from 0013; only its language is (SQL functions that are
-- not inlined are planned on every call).
CREATE OR REPLACE FUNCTION xl_insert_blind_spots(m text, tids bigint[], covered_share float8, min_gap_m float8, min_sliver_m2 float8)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO coverage_blind_spots (mode, target_id, class, admin_area_id, reason, measure, priority, geom, geom_m)
  SELECT m, t.target_id, t.class, t.area_id, pc.reason, ms.measure, t.priority, ST_Transform(d.geom, 4326), d.geom
  FROM (
    SELECT p.target_id, min(p.class) AS class, min(p.admin_area_id) AS area_id, max(p.priority) AS priority,
           sum(p.measure) AS measure, sum(r.covered) AS covered,
           ST_Union(r.uncovered_m) FILTER (WHERE r.uncovered_m IS NOT NULL AND NOT ST_IsEmpty(r.uncovered_m)) AS u,
           ST_Union(dz.uncovered_m) FILTER (WHERE dz.uncovered_m IS NOT NULL AND NOT ST_IsEmpty(dz.uncovered_m)) AS u_design
    FROM coverage_target_parts p
    JOIN coverage_results r ON r.part_id = p.id AND r.mode = m
    LEFT JOIN coverage_results dz ON m = 'now' AND dz.part_id = p.id AND dz.mode = 'design'
    WHERE tids IS NULL OR p.target_id = ANY (tids)
    GROUP BY p.target_id
  ) t
  CROSS JOIN LATERAL (
    SELECT 'no_camera'::text AS reason, CASE WHEN m <> 'now' THEN t.u WHEN t.u_design IS NULL THEN NULL ELSE ST_Intersection(t.u, t.u_design) END AS g
    UNION ALL
    SELECT 'camera_down', CASE WHEN t.u_design IS NULL THEN t.u ELSE ST_Difference(t.u, t.u_design) END WHERE m = 'now'
    OFFSET 0
  ) pc
  CROSS JOIN LATERAL ST_Dump(CASE WHEN t.class = 'road' THEN ST_LineMerge(ST_CollectionExtract(pc.g, 2)) ELSE ST_CollectionExtract(pc.g, 3) END) d
  CROSS JOIN LATERAL (SELECT CASE WHEN ST_Dimension(d.geom) = 1 THEN ST_Length(d.geom) ELSE ST_Area(d.geom) END AS measure) ms
  WHERE t.u IS NOT NULL AND pc.g IS NOT NULL
    AND NOT (t.class = 'intersection' AND t.covered >= covered_share * t.measure)
    AND ms.measure >= CASE WHEN ST_Dimension(d.geom) = 1 THEN min_gap_m ELSE min_sliver_m2 END;
END
$$;

ALTER FUNCTION xl_refresh_parts(bigint[], text[], date, float8, float8, float8) SET plan_cache_mode = force_generic_plan;
