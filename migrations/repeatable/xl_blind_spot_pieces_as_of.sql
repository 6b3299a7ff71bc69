-- Blind-spot pieces of the given parts' targets at as_of (NULL: the dataset's today) and level (NULL: each
-- target's required level), cut the way xl_insert_blind_spots cuts the stored ones: per target,
-- an intersection that meets the covered share drops out, road gaps under min_gap_m and polygon
-- slivers under min_sliver_m2 are ignored. Pass every part of a target, or its pieces are cut
-- at the missing parts. reason is 'no_camera' when no camera reaches any part of the target,
-- else NULL (the optics that judge it live in TypeScript: coverage-engine/judge-pieces.ts);
-- level is the one the piece is judged at; score ranks like the stored list.
-- Used by the ranked list (coverage-engine/pieces-as-of.sql, kept for a few dates by pieces-as-of.ts) and the map tiles
-- (api/domain/tiles/blind-spots-as-of.ts clips those same pieces), so both show the same pieces.
CREATE OR REPLACE FUNCTION xl_blind_spot_pieces_as_of(part_ids bigint[], only_working boolean, as_of date, lvl text,
                                           covered_share float8, min_gap_m float8, min_sliver_m2 float8)
RETURNS TABLE (target_id bigint, class text, area_id integer, priority real, reason text, measure float8, score float8, level text, geom_m geometry)
LANGUAGE sql STABLE AS $$
  WITH t AS (
    SELECT p.target_id, min(p.class) AS class, min(p.admin_area_id) AS area_id, max(p.priority) AS priority,
           coalesce(lvl, min(p.required_level)) AS level,
           sum(p.measure) AS measure, sum(r.covered) AS covered, bool_and(cardinality(r.camera_ids) = 0) AS no_camera,
           ST_Union(r.uncovered_m) FILTER (WHERE r.uncovered_m IS NOT NULL AND NOT ST_IsEmpty(r.uncovered_m)) AS u
    FROM xl_part_coverage(part_ids, only_working, coalesce(as_of, xl_today()), lvl, true) r
    JOIN coverage_target_parts p ON p.id = r.part_id
    GROUP BY p.target_id
  )
  SELECT t.target_id, t.class, t.area_id, t.priority, CASE WHEN t.no_camera THEN 'no_camera' END, ms.measure,
         t.priority * CASE WHEN ST_Dimension(d.geom) = 1 THEN ms.measure * 10 ELSE ms.measure END,
         t.level, d.geom
  FROM t
  CROSS JOIN LATERAL ST_Dump(CASE WHEN t.class = 'road' THEN ST_LineMerge(ST_CollectionExtract(t.u, 2)) ELSE ST_CollectionExtract(t.u, 3) END) d
  CROSS JOIN LATERAL (SELECT CASE WHEN ST_Dimension(d.geom) = 1 THEN ST_Length(d.geom) ELSE ST_Area(d.geom) END AS measure) ms
  WHERE t.u IS NOT NULL
    AND NOT (t.class = 'intersection' AND t.covered >= covered_share * t.measure)
    AND ms.measure >= CASE WHEN ST_Dimension(d.geom) = 1 THEN min_gap_m ELSE min_sliver_m2 END
$$;
