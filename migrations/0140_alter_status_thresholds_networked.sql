-- 联网率 (networked) thresholds beside 在线率 and 完好率 (issue 18): set per admin area, NULL
-- inherits (town → county → city → default: settings key status_thresholds, else the built-in
-- 100 %, the plan's national figure), each rate on its own. A row must still set some rate.
ALTER TABLE status_thresholds
  ADD COLUMN networked_min double precision CHECK (networked_min >= 0 AND networked_min <= 1);
ALTER TABLE status_thresholds DROP CONSTRAINT status_thresholds_check;
ALTER TABLE status_thresholds
  ADD CONSTRAINT status_thresholds_some_rate CHECK (online_min IS NOT NULL OR working_min IS NOT NULL OR networked_min IS NOT NULL);
