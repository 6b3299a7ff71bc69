-- requires: xl_coverage_series_stale
-- The daily series of the rates (issue 14, "Speed of the journeys": any date on the time slider
-- answers in under a second at M). Per area (NULL: the city) and class, a row on each day the
-- summed figures of rates.sql change, holding the change; the first row of each (day -infinity)
-- holds the totals. A date's figures are the sums of the rows on or before it
-- (coverage-engine/rates-as-of.sql). Built from coverage_history by build-rate-series.sql.
-- Amounts are numeric so that adding changes up gives exactly the sums rates.sql makes.
CREATE TABLE coverage_rate_series (
  day date NOT NULL,
  area_id integer,
  class text NOT NULL,
  targets integer NOT NULL,
  covered_targets integer NOT NULL,
  measure numeric NOT NULL,
  covered numeric NOT NULL,
  assumed_targets integer NOT NULL,
  redundant_targets integer NOT NULL,
  camera_sum bigint NOT NULL
);
CREATE INDEX coverage_rate_series_day_idx ON coverage_rate_series (day);

-- "Now" of a date finds the history rows that hold a camera down that day (as-of-affected.sql).
CREATE INDEX coverage_history_camera_ids_idx ON coverage_history USING gin (camera_ids);

-- A row per statement that wrote what the series is made from (xl_coverage_series_stale), since
-- the series was built: the build deletes those it read. Inserts, so concurrent writers (camera
-- refreshes, what-ifs in REPEATABLE READ) never wait for one another or conflict.
CREATE TABLE coverage_series_writes (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now()
);
-- Whether a series was built, and with which covered share. It is current while it was built with
-- the covered share asked for and no write came after it.
CREATE TABLE coverage_series_state (
  one boolean PRIMARY KEY DEFAULT true CHECK (one),
  built boolean NOT NULL DEFAULT false,
  covered_share double precision
);
INSERT INTO coverage_series_state DEFAULT VALUES;

CREATE TRIGGER coverage_history_series_stale AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON coverage_history
  FOR EACH STATEMENT EXECUTE FUNCTION xl_coverage_series_stale();
CREATE TRIGGER coverage_target_parts_series_stale AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON coverage_target_parts
  FOR EACH STATEMENT EXECUTE FUNCTION xl_coverage_series_stale();
CREATE TRIGGER admin_areas_series_stale AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON admin_areas
  FOR EACH STATEMENT EXECUTE FUNCTION xl_coverage_series_stale();
