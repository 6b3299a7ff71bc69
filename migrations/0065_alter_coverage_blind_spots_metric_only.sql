-- Blind spots are kept in planar metres only (geom_m), as footprints are since 0063. The
-- EPSG:4326 copy was made for every stored piece (~190,000 at 100,000 cameras: a transform, a
-- second geometry and its GiST index in every rebuild) and read only to draw tiles and to answer
-- the list, which now project the few pieces they return.

-- An EPSG:4326 envelope as a box in xl_metric_srid(), as xl_tile_envelope_m does for a tile:
-- clipped to the world and, for a UTM zone, to 45 degrees of longitude either side of its
-- central meridian, densified before the transform. NULL when nothing is left.
CREATE FUNCTION xl_envelope_m(env geometry)
RETURNS geometry LANGUAGE sql STABLE PARALLEL SAFE AS $$
  WITH s AS (SELECT xl_metric_srid() AS srid),
  c AS (
    SELECT s.srid, ST_ClipByBox2D(ST_SetSRID(env, 4326), CASE
             WHEN s.srid BETWEEN 32601 AND 32660 OR s.srid BETWEEN 32701 AND 32760
             THEN ST_MakeEnvelope(greatest(-180, (s.srid % 100) * 6 - 183 - 45), -85.06, least(180, (s.srid % 100) * 6 - 183 + 45), 85.06, 4326)
             ELSE ST_MakeEnvelope(-180, -85.06, 180, 85.06, 4326) END) AS e
    FROM s
  )
  SELECT CASE WHEN ST_IsEmpty(c.e) THEN NULL
              ELSE ST_Envelope(ST_Transform(ST_Segmentize(c.e, greatest(ST_XMax(c.e) - ST_XMin(c.e), ST_YMax(c.e) - ST_YMin(c.e)) / 16), c.srid)) END
  FROM c
$$;

-- As migration 0010, with the stored pieces selected and projected from geom_m, and the parts of
-- another date or level selected through xl_envelope_m.
CREATE OR REPLACE FUNCTION xl_blind_spots_tile(env geometry, as_of date, now_mode boolean, lvl text)
RETURNS TABLE (target_id bigint, class text, reason text, measure double precision, geom geometry)
LANGUAGE plpgsql STABLE AS $$
DECLARE
  env_m geometry := xl_envelope_m(env);
BEGIN
  IF env_m IS NULL THEN
    RETURN;
  END IF;
  IF as_of IS NULL AND lvl IS NULL THEN
    RETURN QUERY
      SELECT b.target_id, b.class, b.reason, b.measure, ST_Transform(b.geom_m, 4326)
      FROM coverage_blind_spots b
      WHERE b.mode = CASE WHEN now_mode THEN 'now' ELSE 'design' END AND b.geom_m && env_m;
  ELSE
    RETURN QUERY
      WITH ids AS (
        SELECT array_agg(p.id) AS a FROM coverage_target_parts p
        WHERE p.geom_m && env_m
      )
      SELECT p.target_id, p.class,
             CASE WHEN cardinality(r.camera_ids) = 0 THEN 'no_camera' END,
             CASE WHEN ST_Dimension(r.uncovered_m) = 1 THEN ST_Length(r.uncovered_m) ELSE ST_Area(r.uncovered_m) END,
             ST_Transform(r.uncovered_m, 4326)
      FROM ids, xl_part_coverage(ids.a, now_mode, coalesce(as_of, current_date), lvl, true) r
      JOIN coverage_target_parts p ON p.id = r.part_id
      WHERE r.uncovered_m IS NOT NULL AND NOT ST_IsEmpty(r.uncovered_m)
        AND p.measure > 0 AND (r.covered / p.measure) < 0.999999;
  END IF;
END
$$;

DROP INDEX IF EXISTS coverage_blind_spots_geom_idx;
ALTER TABLE coverage_blind_spots DROP COLUMN geom;

-- As migration 0060, without the EPSG:4326 column.
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
