-- Validated rows of one ledger import, inside the import's transaction (dropped at its end).
CREATE TEMP TABLE ledger_stage (
  row_no integer NOT NULL,
  device_id text NOT NULL PRIMARY KEY,
  name text NOT NULL, type text NOT NULL, lon double precision NOT NULL, lat double precision NOT NULL,
  height_m real NOT NULL, azimuth_deg real, tilt_deg real, hfov_deg real, vfov_deg real,
  resolution_h integer, resolution_v integer, install_date date, removal_date date, owner_unit text, resource_class smallint,
  onvif_url text, onvif_user text, onvif_password_enc bytea, gb_password_enc bytea, ptz_presets jsonb NOT NULL, provenance jsonb NOT NULL,
  source text NOT NULL,
  -- An existing camera whose values the file changes (diff-stage.sql); the others are not rewritten.
  changed boolean NOT NULL DEFAULT false
) ON COMMIT DROP
