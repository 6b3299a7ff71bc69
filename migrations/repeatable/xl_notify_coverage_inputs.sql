-- Announces (NOTIFY coverage_inputs, payload: the table's name) that something computed blind
-- spots of another date are made of has changed, whoever changed it (the API, the CLI, an import,
-- the agent, a recompute): the API keeps a few dates' computed pieces and drops them on this
-- (coverage-engine/pieces-as-of-cache.ts; camera_status and camera_status_events drop only the
-- "now" ones). Delivered at commit, once per table and transaction (PostgreSQL folds equal
-- notifications), nothing for a rolled-back change. The triggers are in migration 0150.
CREATE OR REPLACE FUNCTION xl_notify_coverage_inputs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('coverage_inputs', TG_TABLE_NAME);
  RETURN NULL;
END
$$;
