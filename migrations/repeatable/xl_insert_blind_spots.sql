-- Cuts the blind-spot pieces of the targets tids (NULL: every target) in mode m from their stored
-- coverage_results and inserts them. Per target, the parts' uncovered geometry is united (one
-- uncovered part skips the union) and cut into merged lines (roads) or polygons; an intersection
-- whose covered share reaches covered_share drops out, road gaps under min_gap_m and polygon
-- slivers under min_sliver_m2 are ignored; covered intersections and fully seen targets are
-- dropped before any geometry work.
-- In mode 'now' the part of a gap that design coverage (all installed cameras) does see is lost
-- only because cameras are down: those pieces carry reason camera_down; the rest are the design
-- gaps (reason no_camera here; the TypeScript side judges them from the optics). A target whose
-- parts all have the design result (same cameras) takes its pieces as they are, and one that no
-- working camera sees at all takes the design gaps, without an overlay. The design and 'now'
-- gaps of a road lie on each other only to ~1e-10 m, and a floating-point overlay of such lines
-- often fails to see them as one line (the design gap came back as camera_down): for roads the
-- 'now' gaps are first snapped to the design gaps' vertices (within 1 µm).
-- plpgsql rather than SQL: a SQL function that is not inlined is planned on every call, plpgsql
-- caches the plan, and the filter is a plain "= ANY" so a generic plan still uses the index.
CREATE OR REPLACE FUNCTION xl_insert_blind_spots(m text, tids bigint[], covered_share float8, min_gap_m float8, min_sliver_m2 float8)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF tids IS NULL THEN
    tids := ARRAY(SELECT DISTINCT target_id FROM coverage_target_parts);
  END IF;
  INSERT INTO coverage_blind_spots (mode, target_id, class, admin_area_id, reason, measure, priority, geom_m)
  SELECT m, t.target_id, t.class, t.area_id, pc.reason, ms.measure, t.priority, d.geom
  FROM (
    SELECT p.target_id, min(p.class) AS class, min(p.admin_area_id) AS area_id, max(p.priority) AS priority,
           array_agg(r.uncovered_m) FILTER (WHERE r.uncovered_m IS NOT NULL AND NOT ST_IsEmpty(r.uncovered_m)) AS us,
           array_agg(dz.uncovered_m) FILTER (WHERE dz.uncovered_m IS NOT NULL AND NOT ST_IsEmpty(dz.uncovered_m)) AS ds,
           bool_and(coalesce(m = 'now' AND dz.covered = r.covered AND dz.camera_ids = r.camera_ids, false)) AS same_as_design,
           bool_and(m = 'now' AND cardinality(r.camera_ids) = 0) AS all_bare
    FROM coverage_target_parts p
    JOIN coverage_results r ON r.part_id = p.id AND r.mode = m
    LEFT JOIN coverage_results dz ON m = 'now' AND dz.part_id = p.id AND dz.mode = 'design'
    WHERE p.target_id = ANY (tids)
    GROUP BY p.target_id
    HAVING count(*) FILTER (WHERE r.uncovered_m IS NOT NULL AND NOT ST_IsEmpty(r.uncovered_m)) > 0
       AND NOT (min(p.class) = 'intersection' AND sum(r.covered) >= covered_share * sum(p.measure))
  ) t
  CROSS JOIN LATERAL (
    SELECT CASE WHEN cardinality(t.us) = 1 THEN t.us[1] ELSE ST_Union(t.us) END AS u,
           CASE WHEN t.ds IS NULL OR t.same_as_design THEN NULL WHEN cardinality(t.ds) = 1 THEN t.ds[1] ELSE ST_Union(t.ds) END AS u_design
    OFFSET 0
  ) g
  CROSS JOIN LATERAL (
    SELECT 'no_camera'::text AS reason,
           CASE WHEN m <> 'now' OR t.same_as_design THEN g.u WHEN g.u_design IS NULL THEN NULL WHEN t.all_bare THEN g.u_design
                WHEN t.class = 'road' THEN ST_Intersection(ST_Snap(g.u, g.u_design, 1e-6), g.u_design) ELSE ST_Intersection(g.u, g.u_design) END AS g
    UNION ALL
    SELECT 'camera_down', CASE WHEN g.u_design IS NULL THEN g.u WHEN t.class = 'road' THEN ST_Difference(ST_Snap(g.u, g.u_design, 1e-6), g.u_design) ELSE ST_Difference(g.u, g.u_design) END
    WHERE m = 'now' AND NOT t.same_as_design
    OFFSET 0
  ) pc
  CROSS JOIN LATERAL ST_Dump(CASE WHEN t.class = 'road' THEN ST_LineMerge(ST_CollectionExtract(pc.g, 2)) ELSE ST_CollectionExtract(pc.g, 3) END) d
  CROSS JOIN LATERAL (SELECT CASE WHEN ST_Dimension(d.geom) = 1 THEN ST_Length(d.geom) ELSE ST_Area(d.geom) END AS measure) ms
  WHERE pc.g IS NOT NULL
    AND ms.measure >= CASE WHEN ST_Dimension(d.geom) = 1 THEN min_gap_m ELSE min_sliver_m2 END;
END
$$;
