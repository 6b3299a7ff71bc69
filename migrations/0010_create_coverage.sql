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

-- Functions and views live in migrations/repeatable/ (one file each); db/superseded-checksums.ts
-- keeps this file's checksum from before they moved out.
