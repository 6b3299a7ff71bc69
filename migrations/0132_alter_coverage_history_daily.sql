-- The coverage history becomes a daily series (issue 14, "Speed of the journeys": any date on
-- the time slider answers from it instead of evaluating every part again). A part's row holds,
-- from the day a camera reaching it was installed or removed, its covered amount with the
-- cameras in service that day, and now also which of those cameras see it and whether its
-- coverage rests on an assumed value (what the rates need besides the amount). Month-end rows
-- could only answer month ends: 2020-12-15 read as 2020-11-30.
ALTER TABLE coverage_history RENAME COLUMN from_month TO from_day;
ALTER TABLE coverage_history ADD COLUMN camera_ids bigint[] NOT NULL DEFAULT '{}';
ALTER TABLE coverage_history ADD COLUMN assumed boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN coverage_history.from_day IS
  'the part''s coverage from this day on (a camera reaching it was installed or removed that day), until its next row';

-- The month-end rows are rebuilt by the next full recompute, which `xueliang coverage`, the
-- server's start (`npm start`) and `xueliang recompute` run when no results are stored.
TRUNCATE coverage_history, coverage_results, coverage_blind_spots;

-- As in 0013, with history rows per event day (cameras in service that day) and their cameras.
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
