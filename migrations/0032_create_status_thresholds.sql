-- 在线率 (online) and 完好率 (working) thresholds per admin area. Keyed by the GB/T 2260 code, not
-- the admin_areas id, so a threshold survives a reload of the areas (which truncates them).
-- A NULL value inherits: a town from its county, a county from the city, the city from the
-- default (settings key `status_thresholds`, else the built-in 95 % / 98 %).
CREATE TABLE status_thresholds (
  area_code text PRIMARY KEY CHECK (area_code ~ '^[0-9]{6,12}$'),
  online_min double precision CHECK (online_min >= 0 AND online_min <= 1),
  working_min double precision CHECK (working_min >= 0 AND working_min <= 1),
  note text NOT NULL DEFAULT '',
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL DEFAULT '',
  CHECK (online_min IS NOT NULL OR working_min IS NOT NULL)
);
