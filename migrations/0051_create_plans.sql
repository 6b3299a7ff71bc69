-- Saved plans of proposed cameras (the planning workspace, and saved site suggestions).
CREATE TABLE plans (
  id bigserial PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description text NOT NULL DEFAULT '',
  -- 'design' counts every installed camera as coverage already there; 'now' only working ones.
  mode text NOT NULL DEFAULT 'design' CHECK (mode IN ('design', 'now')),
  -- The suggestion that produced the plan (problem, gap, bound, bound source), or null.
  suggestion jsonb,
  -- Last server evaluation (coverage before → after per class), refreshed by /evaluate.
  evaluation jsonb,
  created_by integer REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE plan_cameras (
  id bigserial PRIMARY KEY,
  plan_id bigint NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position >= 1),
  name text NOT NULL DEFAULT '',
  type text NOT NULL CHECK (type IN ('fixed', 'dome', 'ptz', 'fisheye')),
  geom geometry(Point, 4326) NOT NULL,
  height_m real NOT NULL CHECK (height_m > 0 AND height_m < 100),
  azimuth_deg real CHECK (azimuth_deg >= 0 AND azimuth_deg < 360),
  tilt_deg real CHECK (tilt_deg >= -90 AND tilt_deg <= 90),
  hfov_deg real NOT NULL CHECK (hfov_deg > 0 AND hfov_deg <= 360),
  resolution_h integer NOT NULL CHECK (resolution_h > 0),
  resolution_v integer NOT NULL CHECK (resolution_v > 0),
  model_id integer REFERENCES camera_models (id) ON DELETE SET NULL,
  unit_cost numeric(12, 2) CHECK (unit_cost IS NULL OR unit_cost >= 0),
  site_key text,
  -- Objective gained when the suggestion added this site (null for hand-placed cameras).
  marginal_gain double precision,
  note text NOT NULL DEFAULT '',
  UNIQUE (plan_id, position)
);
CREATE INDEX plan_cameras_geom_idx ON plan_cameras USING gist (geom);
CREATE INDEX plan_cameras_plan_idx ON plan_cameras (plan_id);
