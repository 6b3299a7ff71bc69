-- Coverage engine: footprints per camera and level, targets cut into parts for compute, results
-- per part and mode, stored blind spots, the month-by-month history for the timeline, and the
-- issues found on the way (bad optics, repaired polygons, targets outside every area).
-- geom is EPSG:4326 for tiles; geom_m is planar metres in xl_metric_srid() for all measures.

CREATE TABLE camera_footprints (
  camera_id bigint NOT NULL REFERENCES cameras (id) ON DELETE CASCADE,
  level text NOT NULL,
  occluded boolean NOT NULL DEFAULT true,
  ppm real NOT NULL,
  near_m real NOT NULL,
  range_m real NOT NULL,
  area_m2 double precision NOT NULL,
  assumed boolean NOT NULL DEFAULT false,
  computed_at timestamptz NOT NULL DEFAULT now(),
  geom geometry(MultiPolygon, 4326) NOT NULL,
  geom_m geometry(MultiPolygon) NOT NULL,
  PRIMARY KEY (camera_id, level, occluded)
);
CREATE INDEX camera_footprints_geom_idx ON camera_footprints USING gist (geom);
CREATE INDEX camera_footprints_geom_m_idx ON camera_footprints USING gist (geom_m);
CREATE INDEX camera_footprints_level_idx ON camera_footprints (level, occluded);

-- Targets cut for compute: a disc per point target, ~150 m pieces of roads, subdivided polygons.
CREATE TABLE coverage_target_parts (
  id bigserial PRIMARY KEY,
  target_id bigint NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
  part_no integer NOT NULL,
  class text NOT NULL,
  required_level text NOT NULL,
  admin_area_id integer REFERENCES admin_areas (id) ON DELETE SET NULL,
  priority real NOT NULL DEFAULT 1,
  -- Length in m (roads) or area in m² (everything else).
  measure double precision NOT NULL,
  geom_m geometry NOT NULL,
  UNIQUE (target_id, part_no)
);
CREATE INDEX coverage_target_parts_geom_m_idx ON coverage_target_parts USING gist (geom_m);
CREATE INDEX coverage_target_parts_class_idx ON coverage_target_parts (class, admin_area_id);

-- mode: 'design' (installed cameras) or 'now' (working cameras only).
CREATE TABLE coverage_results (
  part_id bigint NOT NULL REFERENCES coverage_target_parts (id) ON DELETE CASCADE,
  mode text NOT NULL CHECK (mode IN ('design', 'now')),
  covered double precision NOT NULL,
  camera_ids bigint[] NOT NULL DEFAULT '{}',
  assumed boolean NOT NULL DEFAULT false,
  uncovered_m geometry,
  computed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (part_id, mode)
);
CREATE INDEX coverage_results_uncovered_m_idx ON coverage_results USING gist (uncovered_m);

-- Results of one-off evaluations (another date, level or no occlusion) keyed by a run id; the
-- command that made them deletes them when done.
CREATE UNLOGGED TABLE coverage_adhoc (
  run_id text NOT NULL,
  part_id bigint NOT NULL REFERENCES coverage_target_parts (id) ON DELETE CASCADE,
  covered double precision NOT NULL,
  camera_ids bigint[] NOT NULL DEFAULT '{}',
  assumed boolean NOT NULL DEFAULT false,
  uncovered_m geometry,
  PRIMARY KEY (run_id, part_id)
);
CREATE INDEX coverage_adhoc_uncovered_m_idx ON coverage_adhoc USING gist (uncovered_m);

CREATE TABLE coverage_blind_spots (
  id bigserial PRIMARY KEY,
  mode text NOT NULL CHECK (mode IN ('design', 'now')),
  target_id bigint NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
  class text NOT NULL,
  admin_area_id integer REFERENCES admin_areas (id) ON DELETE SET NULL,
  reason text NOT NULL DEFAULT 'no_camera' CHECK (reason IN ('no_camera', 'occluded', 'low_detail', 'near_blind_zone', 'camera_down')),
  measure double precision NOT NULL,
  priority real NOT NULL DEFAULT 1,
  geom geometry(Geometry, 4326) NOT NULL,
  geom_m geometry NOT NULL
);
CREATE INDEX coverage_blind_spots_geom_idx ON coverage_blind_spots USING gist (geom);
CREATE INDEX coverage_blind_spots_geom_m_idx ON coverage_blind_spots USING gist (geom_m);
CREATE INDEX coverage_blind_spots_target_idx ON coverage_blind_spots (target_id, mode);
CREATE INDEX coverage_blind_spots_rank_idx ON coverage_blind_spots (mode, class, measure DESC);

-- Covered amount of a part from the month-end `from_month` on (installed cameras only), for
-- the timeline and the 2020-12-31 state; a part with no row before a month is uncovered then.
CREATE TABLE coverage_history (
  part_id bigint NOT NULL REFERENCES coverage_target_parts (id) ON DELETE CASCADE,
  from_month date NOT NULL,
  covered double precision NOT NULL,
  PRIMARY KEY (part_id, from_month)
);

CREATE TABLE coverage_issues (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  camera_id bigint REFERENCES cameras (id) ON DELETE CASCADE,
  target_id bigint REFERENCES targets (id) ON DELETE CASCADE,
  building_id bigint,
  message text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX coverage_issues_kind_idx ON coverage_issues (kind);

-- Month end of a date (the timeline's sampling points).
CREATE FUNCTION xl_month_end(d date) RETURNS date LANGUAGE sql IMMUTABLE AS $$
  SELECT (date_trunc('month', d) + interval '1 month' - interval '1 day')::date
$$;

-- Per part: covered amount, cameras that see it, and the uncovered geometry, from the stored
-- footprints of cameras in service on as_of (and working, when only_working). The footprints are
-- first clipped to the part's box, so the local union only handles the pieces that matter.
CREATE FUNCTION xl_part_coverage(part_ids bigint[], only_working boolean, as_of date, lvl text, occl boolean)
RETURNS TABLE (part_id bigint, covered double precision, camera_ids bigint[], assumed boolean, uncovered_m geometry)
LANGUAGE sql STABLE AS $$
  SELECT p.id,
         greatest(0, p.measure - CASE WHEN ST_Dimension(p.geom_m) = 1 THEN ST_Length(d.g) ELSE ST_Area(d.g) END),
         coalesce(u.ids, '{}'),
         coalesce(u.assumed, false),
         d.g
  FROM coverage_target_parts p
  LEFT JOIN LATERAL (
    SELECT ST_Union(ST_ClipByBox2D(f.geom_m, box2d(ST_Expand(p.geom_m, 1)))) AS g,
           array_agg(f.camera_id ORDER BY f.camera_id) AS ids,
           bool_or(f.assumed) AS assumed
    FROM camera_footprints f
    JOIN cameras c ON c.id = f.camera_id
    WHERE f.level = coalesce(lvl, p.required_level) AND f.occluded = occl
      AND f.geom_m && p.geom_m AND ST_Intersects(f.geom_m, p.geom_m)
      AND (c.install_date IS NULL OR c.install_date <= as_of)
      AND (c.removal_date IS NULL OR c.removal_date > as_of)
      AND (NOT only_working OR EXISTS (SELECT 1 FROM camera_status s WHERE s.camera_id = f.camera_id AND s.working))
  ) u ON true
  -- OFFSET 0 keeps the planner from inlining this, which would compute the difference twice.
  CROSS JOIN LATERAL (SELECT CASE WHEN u.g IS NULL THEN p.geom_m ELSE ST_Difference(p.geom_m, u.g) END AS g OFFSET 0) d
  WHERE p.id = ANY (part_ids)
$$;

-- Blind spots for a vector tile: stored pieces for the current state, or computed for the parts
-- in the envelope for another date or level (those carry reason 'no_camera' only when no camera
-- reaches them at all, else NULL: reasons need the optics, which live in TypeScript).
CREATE FUNCTION xl_blind_spots_tile(env geometry, as_of date, now_mode boolean, lvl text)
RETURNS TABLE (target_id bigint, class text, reason text, measure double precision, geom geometry)
LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF as_of IS NULL AND lvl IS NULL THEN
    RETURN QUERY
      SELECT b.target_id, b.class, b.reason, b.measure, b.geom
      FROM coverage_blind_spots b
      WHERE b.mode = CASE WHEN now_mode THEN 'now' ELSE 'design' END AND b.geom && env;
  ELSE
    RETURN QUERY
      WITH ids AS (
        SELECT array_agg(p.id) AS a FROM coverage_target_parts p
        WHERE p.geom_m && ST_Transform(env, xl_metric_srid())
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
