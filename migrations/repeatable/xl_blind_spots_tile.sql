-- Blind spots for a vector tile (env: the tile's envelope with its margin, EPSG:4326): the stored
-- pieces of the current state (design, or now_mode), or for another date or level the uncovered
-- geometry of every target part in the envelope, uncut (reason 'no_camera' only when no camera
-- reaches the part at all, else NULL: reasons need the optics, which live in TypeScript). The
-- tile route sends other dates and levels to xl_blind_spot_pieces_as_of instead. Selected by the
-- envelope in metres (xl_envelope_m), projected to EPSG:4326 here.
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
      FROM ids, xl_part_coverage(ids.a, now_mode, coalesce(as_of, xl_today()), lvl, true) r
      JOIN coverage_target_parts p ON p.id = r.part_id
      WHERE r.uncovered_m IS NOT NULL AND NOT ST_IsEmpty(r.uncovered_m)
        AND p.measure > 0 AND (r.covered / p.measure) < 0.999999;
  END IF;
END
$$;
