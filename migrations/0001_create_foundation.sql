-- Foundation schema: the loaded area, admin areas, cameras, basemap layers, target layers, users.
-- Geometry is stored in EPSG:4326; metric work projects to the UTM zone of the data's centre,
-- recorded in settings.metric_srid by whichever loader filled the database.
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE admin_areas (
  id serial PRIMARY KEY,
  -- GB/T 2260 code padded to 8 digits as in GB/T 28181 device ids (county 6 digits + town 2).
  code text NOT NULL UNIQUE CHECK (code ~ '^[0-9]{6,12}$'),
  name text NOT NULL,
  name_en text,
  level text NOT NULL CHECK (level IN ('city', 'county', 'town')),
  parent_id integer REFERENCES admin_areas (id) ON DELETE CASCADE,
  geom geometry(MultiPolygon, 4326) NOT NULL
);
CREATE INDEX admin_areas_geom_idx ON admin_areas USING gist (geom);
CREATE INDEX admin_areas_parent_idx ON admin_areas (parent_id);

CREATE TABLE cameras (
  id bigserial PRIMARY KEY,
  -- GB/T 28181: admin code 8 + industry 2 + type 3 + network 1 + serial 6.
  device_id text NOT NULL UNIQUE CHECK (device_id ~ '^[0-9]{20}$'),
  name text NOT NULL DEFAULT '',
  type text NOT NULL CHECK (type IN ('fixed', 'dome', 'ptz', 'fisheye', 'thermal')),
  geom geometry(Point, 4326) NOT NULL,
  height_m real NOT NULL CHECK (height_m >= 0 AND height_m < 500),
  azimuth_deg real CHECK (azimuth_deg >= 0 AND azimuth_deg < 360),
  tilt_deg real CHECK (tilt_deg >= -90 AND tilt_deg <= 90),
  resolution_h integer CHECK (resolution_h > 0),
  resolution_v integer CHECK (resolution_v > 0),
  hfov_deg real CHECK (hfov_deg > 0 AND hfov_deg <= 360),
  vfov_deg real CHECK (vfov_deg > 0 AND vfov_deg <= 180),
  sensor_width_mm real CHECK (sensor_width_mm > 0),
  focal_length_mm real CHECK (focal_length_mm > 0),
  -- PTZ presets: [{"azimuthDeg":..,"tiltDeg":..,"hfovDeg":..}]; empty means "unknown, full circle".
  ptz_presets jsonb NOT NULL DEFAULT '[]',
  install_date date,
  removal_date date,
  owner_unit text,
  onvif_url text,
  onvif_user text,
  -- AES-256-GCM ciphertext (see api/ crypto); never returned by the API.
  onvif_password_enc bytea,
  -- Per surveyed field: "surveyed" | "assumed" | "imported"; figures that rest on assumed values say so.
  provenance jsonb NOT NULL DEFAULT '{}',
  source text NOT NULL DEFAULT 'manual',
  admin_area_id integer REFERENCES admin_areas (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (removal_date IS NULL OR install_date IS NULL OR removal_date >= install_date)
);
CREATE INDEX cameras_geom_idx ON cameras USING gist (geom);
CREATE INDEX cameras_area_idx ON cameras (admin_area_id);

CREATE TABLE buildings (
  id bigserial PRIMARY KEY,
  osm_id bigint,
  name text,
  kind text,
  height_m real CHECK (height_m IS NULL OR height_m >= 0),
  -- True when height_m was derived (levels × 3 m or a default) rather than mapped or surveyed.
  height_assumed boolean NOT NULL DEFAULT true,
  geom geometry(MultiPolygon, 4326) NOT NULL
);
CREATE INDEX buildings_geom_idx ON buildings USING gist (geom);

-- Basemap layers (drawn as vector tiles; roads of the target classes are also targets).
CREATE TABLE roads (
  id bigserial PRIMARY KEY,
  osm_id bigint,
  name text,
  class text NOT NULL,
  geom geometry(LineString, 4326) NOT NULL
);
CREATE INDEX roads_geom_idx ON roads USING gist (geom);

CREATE TABLE water (
  id bigserial PRIMARY KEY,
  name text,
  kind text NOT NULL,
  geom geometry(Geometry, 4326) NOT NULL
);
CREATE INDEX water_geom_idx ON water USING gist (geom);

CREATE TABLE places (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  name_en text,
  kind text NOT NULL,
  geom geometry(Point, 4326) NOT NULL
);
CREATE INDEX places_geom_idx ON places USING gist (geom);

-- Policy target layers: intersections (points), trunk and main roads (lines), hotspots and
-- crowded places (polygons or points). required_level names a detail level of the standard in
-- settings (DORI or IEC 62676-4:2025).
CREATE TABLE targets (
  id bigserial PRIMARY KEY,
  class text NOT NULL CHECK (class IN ('intersection', 'road', 'hotspot', 'crowded_place')),
  kind text,
  name text,
  required_level text NOT NULL,
  priority real NOT NULL DEFAULT 1,
  source text NOT NULL DEFAULT 'manual',
  source_ref text,
  admin_area_id integer REFERENCES admin_areas (id) ON DELETE SET NULL,
  geom geometry(Geometry, 4326) NOT NULL CHECK (ST_SRID(geom) = 4326)
);
CREATE INDEX targets_geom_idx ON targets USING gist (geom);
CREATE INDEX targets_class_idx ON targets (class);
CREATE INDEX targets_area_idx ON targets (admin_area_id);

CREATE TABLE users (
  id serial PRIMARY KEY,
  username text NOT NULL UNIQUE CHECK (length(username) BETWEEN 1 AND 64),
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('viewer', 'engineer', 'planner', 'admin')),
  must_change_password boolean NOT NULL DEFAULT false,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Browser sessions: only the SHA-256 of the cookie's token is stored.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Functions and views live in migrations/repeatable/ (one file each); db/superseded-checksums.ts
-- keeps this file's checksum from before they moved out.
