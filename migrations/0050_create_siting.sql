-- Site suggestion: the camera model catalog planners edit, and their changes to the candidate
-- sites (manual additions, pins and exclusions). Generated candidates are derived from the data
-- at each request (api/domain/siting/sql), so they follow edits to roads, targets and buildings.
CREATE TABLE camera_models (
  id serial PRIMARY KEY,
  name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 120),
  type text NOT NULL CHECK (type IN ('fixed', 'dome', 'ptz', 'fisheye')),
  resolution_h integer NOT NULL CHECK (resolution_h BETWEEN 160 AND 20000),
  resolution_v integer NOT NULL CHECK (resolution_v BETWEEN 120 AND 20000),
  -- Widest and narrowest horizontal field of view (equal for a fixed lens; a zoom range otherwise).
  hfov_max_deg real NOT NULL CHECK (hfov_max_deg > 0 AND hfov_max_deg <= 360),
  hfov_min_deg real NOT NULL CHECK (hfov_min_deg > 0 AND hfov_min_deg <= hfov_max_deg),
  unit_cost numeric(12, 2) NOT NULL CHECK (unit_cost > 0 AND unit_cost < 10000000),
  currency text NOT NULL DEFAULT 'CNY',
  enabled boolean NOT NULL DEFAULT true,
  notes text NOT NULL DEFAULT '',
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A starting catalog with typical 2024 list prices (installed, CNY); planners edit it.
INSERT INTO camera_models (name, type, resolution_h, resolution_v, hfov_max_deg, hfov_min_deg, unit_cost, notes) VALUES
  ('2MP bullet 4 mm', 'fixed', 1920, 1080, 86, 86, 1800, 'wide junction view'),
  ('4MP varifocal bullet 2.8-12 mm', 'fixed', 2560, 1440, 100, 30, 2600, 'tried at its widest and at 45°'),
  ('8MP bullet 12 mm', 'fixed', 3840, 2160, 32, 32, 3400, 'long road view'),
  ('4MP PTZ 25x', 'ptz', 2560, 1440, 58, 2.6, 9800, 'full circle at the widest zoom');

-- Manual candidate sites, and pins/exclusions of generated ones (by their stable key).
CREATE TABLE siting_candidates (
  id bigserial PRIMARY KEY,
  -- Generated sites: "<kind>:<ref>[:<n>]" as returned by the suggestion; manual ones: "manual:<id>".
  site_key text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('intersection_pole', 'road_pole', 'building_wall', 'existing_pole', 'manual')),
  geom geometry(Point, 4326),
  height_m real CHECK (height_m IS NULL OR (height_m > 0 AND height_m < 100)),
  pinned boolean NOT NULL DEFAULT false,
  excluded boolean NOT NULL DEFAULT false,
  note text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (kind <> 'manual' OR (geom IS NOT NULL AND height_m IS NOT NULL)),
  CHECK (NOT (pinned AND excluded))
);
CREATE INDEX siting_candidates_geom_idx ON siting_candidates USING gist (geom);
