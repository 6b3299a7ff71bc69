-- Faster bodies for the per-part evaluation and the blind-spot derivation; signatures and
-- outputs are those of 0010/0013/0014, so every caller (full recompute, xl_refresh_parts,
-- one-off runs, tiles, history) keeps working unchanged.

-- Sequential difference: the first input is the part, every further input is cut away from it.
-- Cutting a small part by each touching footprint in turn is cheaper than unioning the
-- footprints first (the union of overlapping sectors is the expensive step, and a part that is
-- already empty stays empty for free). Agrees with the union-then-difference baseline to ~1e-10.
CREATE FUNCTION xl_difference_step(remaining geometry, cut geometry) RETURNS geometry
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT ST_Difference(remaining, cut) $$;

CREATE AGGREGATE xl_minus(geometry) (sfunc = xl_difference_step, stype = geometry);

CREATE OR REPLACE FUNCTION xl_part_coverage(part_ids bigint[], only_working boolean, as_of date, lvl text, occl boolean)
RETURNS TABLE (part_id bigint, covered double precision, camera_ids bigint[], assumed boolean, uncovered_m geometry)
LANGUAGE sql STABLE AS $$
  SELECT p.id,
         greatest(0, p.measure - CASE WHEN ST_Dimension(p.geom_m) = 1 THEN ST_Length(u.g) ELSE ST_Area(u.g) END),
         coalesce(u.ids, '{}'),
         coalesce(u.assumed, false),
         u.g
  FROM coverage_target_parts p
  CROSS JOIN LATERAL (
    -- o = 0 is the part itself (the aggregate's starting state), o = 1 the footprints that touch it.
    SELECT xl_minus(x.g ORDER BY x.o, x.camera_id) AS g,
           array_agg(x.camera_id ORDER BY x.camera_id) FILTER (WHERE x.o = 1) AS ids,
           bool_or(x.assumed) AS assumed
    FROM (
      SELECT p.geom_m AS g, 0 AS o, NULL::bigint AS camera_id, NULL::boolean AS assumed
      UNION ALL
      SELECT f.geom_m, 1, f.camera_id, f.assumed
      FROM camera_footprints f
      JOIN cameras c ON c.id = f.camera_id
      WHERE f.level = coalesce(lvl, p.required_level) AND f.occluded = occl
        AND f.geom_m && p.geom_m AND ST_Intersects(f.geom_m, p.geom_m)
        AND (c.install_date IS NULL OR c.install_date <= as_of)
        AND (c.removal_date IS NULL OR c.removal_date > as_of)
        AND (NOT only_working OR EXISTS (SELECT 1 FROM camera_status s WHERE s.camera_id = f.camera_id AND s.working))
    ) x
  ) u
  WHERE p.id = ANY (part_ids)
$$;

-- Same pieces as 0014, cheaper: covered intersections and fully seen targets are dropped before
-- any geometry work, a target with one uncovered part skips the union, and in 'now' a target
-- whose parts all have the design result (same cameras) takes its pieces as 'no_camera' without
-- the intersection/difference against design. tids NULL means every target; the filter is a
-- plain "= ANY" so a generic plan (xl_refresh_parts forces those) still uses the index.
CREATE OR REPLACE FUNCTION xl_insert_blind_spots(m text, tids bigint[], covered_share float8, min_gap_m float8, min_sliver_m2 float8)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF tids IS NULL THEN
    tids := ARRAY(SELECT DISTINCT target_id FROM coverage_target_parts);
  END IF;
  INSERT INTO coverage_blind_spots (mode, target_id, class, admin_area_id, reason, measure, priority, geom, geom_m)
  SELECT m, t.target_id, t.class, t.area_id, pc.reason, ms.measure, t.priority, ST_Transform(d.geom, 4326), d.geom
  FROM (
    SELECT p.target_id, min(p.class) AS class, min(p.admin_area_id) AS area_id, max(p.priority) AS priority,
           array_agg(r.uncovered_m) FILTER (WHERE r.uncovered_m IS NOT NULL AND NOT ST_IsEmpty(r.uncovered_m)) AS us,
           array_agg(dz.uncovered_m) FILTER (WHERE dz.uncovered_m IS NOT NULL AND NOT ST_IsEmpty(dz.uncovered_m)) AS ds,
           bool_and(coalesce(m = 'now' AND dz.covered = r.covered AND dz.camera_ids = r.camera_ids, false)) AS same_as_design
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
           CASE WHEN m <> 'now' OR t.same_as_design THEN g.u WHEN g.u_design IS NULL THEN NULL ELSE ST_Intersection(g.u, g.u_design) END AS g
    UNION ALL
    SELECT 'camera_down', CASE WHEN g.u_design IS NULL THEN g.u ELSE ST_Difference(g.u, g.u_design) END
    WHERE m = 'now' AND NOT t.same_as_design
    OFFSET 0
  ) pc
  CROSS JOIN LATERAL ST_Dump(CASE WHEN t.class = 'road' THEN ST_LineMerge(ST_CollectionExtract(pc.g, 2)) ELSE ST_CollectionExtract(pc.g, 3) END) d
  CROSS JOIN LATERAL (SELECT CASE WHEN ST_Dimension(d.geom) = 1 THEN ST_Length(d.geom) ELSE ST_Area(d.geom) END AS measure) ms
  WHERE pc.g IS NOT NULL
    AND ms.measure >= CASE WHEN ST_Dimension(d.geom) = 1 THEN min_gap_m ELSE min_sliver_m2 END;
END
$$;
