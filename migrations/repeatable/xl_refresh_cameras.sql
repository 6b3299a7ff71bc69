-- The database half of refreshing changed cameras in one round trip. In order:
--   1. the parts the cameras' stored footprints touch or whose results list them; their
--      footprints (all variants) are dropped;
--   2. the new footprints from arrays (the TypeScript sweep's rows; the same steps as
--      coverage-engine/insert-footprints.sql, which reads them from a stage table), in planar
--      metres only (geom_m);
--   3. the parts the new footprints touch, and xl_refresh_parts over all of them;
--   4. the targets with blind spots within each place's distance (px, py, pr: the cameras' old
--      and new places and the distance at which a reason can depend on them);
--   5. returns the sample points of those targets' blind spots for judging their reasons (the
--      points of xl_blind_spot_samples, inline), and one row with mode 'targets' whose x is the
--      number of targets whose results were refreshed and y the number of parts.
-- Every filter is "= ANY" or "&&", so one generic plan per statement serves every call.
CREATE OR REPLACE FUNCTION xl_refresh_cameras(
  cam_ids bigint[],
  fp_camera bigint[], fp_level text[], fp_ppm real[], fp_near real[], fp_range real[], fp_assumed boolean[], fp_wkt text[], fp_shadows text[],
  modes text[], as_of date, covered_share float8, min_gap_m float8, min_sliver_m2 float8,
  px float8[], py float8[], pr float8[])
RETURNS TABLE (id bigint, mode text, x float8, y float8, level text)
LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
DECLARE
  parts bigint[];
  tids bigint[];
  rtids bigint[];
BEGIN
  SELECT array_agg(DISTINCT q.pid) INTO parts FROM (
    SELECT p.id AS pid
    FROM camera_footprints f
    JOIN coverage_target_parts p ON p.geom_m && f.geom_m AND ST_Intersects(p.geom_m, f.geom_m)
    WHERE f.camera_id = ANY (cam_ids) AND f.occluded
    UNION ALL
    SELECT r.part_id FROM coverage_results r WHERE r.camera_ids && cam_ids
  ) q;
  DELETE FROM camera_footprints WHERE camera_id = ANY (cam_ids);

  WITH g AS MATERIALIZED (
    SELECT s.camera_id, s.level, s.ppm, s.near_m, s.range_m, s.assumed,
           CASE WHEN s.shadows IS NULL THEN ST_GeomFromText(s.wkt, srid.v)
                ELSE ST_Difference(ST_MakeValid(ST_GeomFromText(s.wkt, srid.v)), ST_UnaryUnion(ST_GeomFromText(s.shadows, srid.v))) END AS d
    FROM unnest(fp_camera, fp_level, fp_ppm, fp_near, fp_range, fp_assumed, fp_wkt, fp_shadows) AS s (camera_id, level, ppm, near_m, range_m, assumed, wkt, shadows),
         (SELECT xl_metric_srid() AS v) srid
  ),
  m AS MATERIALIZED (
    SELECT g.camera_id, g.level, g.ppm, g.near_m, g.range_m, g.assumed,
           ST_Multi(ST_CollectionExtract(CASE WHEN ST_IsValid(g.d) THEN g.d ELSE ST_MakeValid(g.d) END, 3)) AS m
    FROM g
  )
  INSERT INTO camera_footprints AS f (camera_id, level, occluded, ppm, near_m, range_m, area_m2, assumed, computed_at, geom_m)
  SELECT m.camera_id, m.level, true, m.ppm, m.near_m, m.range_m, ST_Area(m.m), m.assumed, now(), m.m
  FROM m
  WHERE NOT ST_IsEmpty(m.m)
  ON CONFLICT (camera_id, level, occluded) DO UPDATE
  SET ppm = excluded.ppm, near_m = excluded.near_m, range_m = excluded.range_m, area_m2 = excluded.area_m2,
      assumed = excluded.assumed, computed_at = excluded.computed_at, geom_m = excluded.geom_m;

  SELECT array_agg(DISTINCT q.pid) INTO parts FROM (
    SELECT unnest(parts) AS pid
    UNION ALL
    SELECT p.id
    FROM camera_footprints f
    JOIN coverage_target_parts p ON p.geom_m && f.geom_m AND ST_Intersects(p.geom_m, f.geom_m)
    WHERE f.camera_id = ANY (cam_ids) AND f.occluded
  ) q;
  tids := CASE WHEN parts IS NULL THEN '{}'::bigint[] ELSE xl_refresh_parts(parts, modes, as_of, covered_share, min_gap_m, min_sliver_m2) END;

  SELECT array_agg(DISTINCT q.t) INTO rtids FROM (
    SELECT unnest(tids) AS t
    UNION ALL
    SELECT b.target_id
    FROM unnest(px, py, pr) AS c (x, y, r)
    JOIN coverage_blind_spots b ON b.geom_m && ST_MakeEnvelope(c.x - c.r, c.y - c.r, c.x + c.r, c.y + c.r, xl_metric_srid())
  ) q;

  RETURN QUERY SELECT NULL::bigint, 'targets'::text, cardinality(tids)::float8, coalesce(cardinality(parts), 0)::float8, NULL::text;
  IF rtids IS NULL THEN
    RETURN;
  END IF;
  RETURN QUERY
  SELECT b.id, b.mode, ST_X(pt.g), ST_Y(pt.g), lv.level
  FROM coverage_blind_spots b
  CROSS JOIN LATERAL (SELECT p.required_level AS level FROM coverage_target_parts p WHERE p.target_id = b.target_id LIMIT 1) lv
  CROSS JOIN LATERAL (
    SELECT ST_LineInterpolatePoint(ST_GeometryN(b.geom_m, 1), f) AS g
    FROM unnest(ARRAY[0.15, 0.5, 0.85]) f WHERE ST_Dimension(b.geom_m) = 1
    UNION ALL
    SELECT ST_PointOnSurface(b.geom_m) WHERE ST_Dimension(b.geom_m) = 2
  ) pt
  WHERE b.target_id = ANY (rtids) AND b.reason <> 'camera_down';
END
$$;
