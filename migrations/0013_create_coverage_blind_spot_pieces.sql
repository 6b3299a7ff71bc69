-- Blind spots with "camera down" split out exactly: in mode 'now', the part of a gap that design
-- coverage (all installed cameras) does see is lost only because cameras are down, so those
-- pieces carry reason camera_down; the rest are the design gaps (their reasons are assigned by
-- the TypeScript side from the optics). tids NULL: every target.
CREATE FUNCTION xl_insert_blind_spots(m text, tids bigint[], covered_share float8, min_gap_m float8, min_sliver_m2 float8)
RETURNS void LANGUAGE sql AS $$
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
    AND ms.measure >= CASE WHEN ST_Dimension(d.geom) = 1 THEN min_gap_m ELSE min_sliver_m2 END
$$;

CREATE OR REPLACE FUNCTION xl_refresh_parts(part_ids bigint[], modes text[], as_of date, covered_share float8, min_gap_m float8, min_sliver_m2 float8)
RETURNS bigint[] LANGUAGE plpgsql AS $$
DECLARE
  tids bigint[];
  m text;
BEGIN
  SELECT array_agg(DISTINCT target_id) INTO tids FROM coverage_target_parts WHERE id = ANY (part_ids);
  IF tids IS NULL THEN
    RETURN '{}';
  END IF;
  FOREACH m IN ARRAY modes LOOP
    INSERT INTO coverage_results AS x (part_id, mode, covered, camera_ids, assumed, uncovered_m, computed_at)
    SELECT r.part_id, m, r.covered, r.camera_ids, r.assumed, r.uncovered_m, now()
    FROM xl_part_coverage(part_ids, m = 'now', as_of, NULL, true) r
    ON CONFLICT (part_id, mode) DO UPDATE
    SET covered = excluded.covered, camera_ids = excluded.camera_ids, assumed = excluded.assumed,
        uncovered_m = excluded.uncovered_m, computed_at = excluded.computed_at;
  END LOOP;
  -- Blind spots after all results, since 'now' pieces are split against the design results.
  FOREACH m IN ARRAY CASE WHEN 'design' = ANY (modes) THEN ARRAY['design', 'now'] ELSE modes END LOOP
    DELETE FROM coverage_blind_spots WHERE mode = m AND target_id = ANY (tids);
    PERFORM xl_insert_blind_spots(m, tids, covered_share, min_gap_m, min_sliver_m2);
  END LOOP;
  IF 'design' = ANY (modes) THEN
    DELETE FROM coverage_history WHERE part_id = ANY (part_ids);
    INSERT INTO coverage_history (part_id, from_month, covered)
    SELECT e.part_id, e.mo, r.covered
    FROM (
      SELECT DISTINCT p.id AS part_id, xl_month_end(coalesce(x.d, DATE '1900-01-01')) AS mo
      FROM coverage_target_parts p
      JOIN camera_footprints f ON f.level = p.required_level AND f.occluded AND f.geom_m && p.geom_m
      JOIN cameras c ON c.id = f.camera_id
      CROSS JOIN LATERAL (VALUES (c.install_date), (c.removal_date)) x (d)
      WHERE p.id = ANY (part_ids) AND (x.d IS NOT NULL OR c.install_date IS NULL) AND ST_Intersects(f.geom_m, p.geom_m)
    ) e
    CROSS JOIN LATERAL xl_part_coverage(ARRAY[e.part_id], false, e.mo, NULL, true) r;
  END IF;
  RETURN tids;
END
$$;
