-- Trigger function: the inputs of the daily rate series (coverage_rate_series, migration 0160)
-- changed, so a series built from the old ones is stale. It records the write
-- (coverage_series_writes); a lookup uses the series only while no write is recorded, and the
-- build deletes the records it has read (coverage-engine/rate-series.ts). An insert, committed
-- or rolled back with the writer's transaction: a series built from a snapshot without the write
-- is never taken as current, and writers never wait for one another (an UPDATE of one counter
-- row made concurrent refreshes queue, and a what-if in REPEATABLE READ fail).
CREATE OR REPLACE FUNCTION xl_coverage_series_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO coverage_series_writes DEFAULT VALUES;
  RETURN NULL;
END
$$;
