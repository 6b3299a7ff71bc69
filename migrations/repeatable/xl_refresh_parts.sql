-- The database half of an incremental refresh in one round trip: evaluates the parts for each
-- mode, rebuilds their targets' blind spots (after all results, since 'now' pieces are split
-- against the design results) and, for design, their daily history: a row per day a camera
-- reaching the part was installed or removed, with the cameras in service that day and which of
-- them see it (migration 0131; any date on the time slider is read from it). Returns the affected
-- target ids. Refreshes were dominated by round trips and planning (about 20 ms to plan the
-- inlined per-part evaluation, under 1 ms to run it): plpgsql caches its statements' plans per
-- session, and with a forced generic plan (every filter is "= ANY") a pooled connection plans
-- each statement once.
CREATE OR REPLACE FUNCTION xl_refresh_parts(part_ids bigint[], modes text[], as_of date, covered_share float8, min_gap_m float8, min_sliver_m2 float8)
RETURNS bigint[] LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
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
    INSERT INTO coverage_history (part_id, from_day, covered, camera_ids, assumed)
    SELECT e.part_id, e.d, r.covered, r.camera_ids, r.assumed
    FROM (
      SELECT DISTINCT p.id AS part_id, coalesce(x.d, DATE '1900-01-01') AS d
      FROM coverage_target_parts p
      JOIN camera_footprints f ON f.level = p.required_level AND f.occluded AND f.geom_m && p.geom_m
      JOIN cameras c ON c.id = f.camera_id
      CROSS JOIN LATERAL (VALUES (c.install_date), (c.removal_date)) x (d)
      WHERE p.id = ANY (part_ids) AND (x.d IS NOT NULL OR c.install_date IS NULL) AND ST_Intersects(f.geom_m, p.geom_m)
    ) e
    CROSS JOIN LATERAL xl_part_coverage(ARRAY[e.part_id], false, e.d, NULL, true) r;
  END IF;
  RETURN tids;
END
$$;
