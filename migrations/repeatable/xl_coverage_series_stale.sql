-- Trigger function: the inputs of the daily rate series (coverage_rate_series, migration 0160)
-- changed, so a series built from the old ones is stale. It counts a generation up; the series
-- records the generation it was built from, and a lookup uses it only while the two are equal
-- (coverage-engine/rate-series.ts). A counter row, not a sequence: it changes with the writer's
-- transaction, so a series built from a snapshot without the write is never taken as current.
CREATE OR REPLACE FUNCTION xl_coverage_series_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE coverage_series_state SET generation = generation + 1 WHERE name = 'inputs';
  RETURN NULL;
END
$$;
