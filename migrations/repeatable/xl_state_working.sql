-- 完好 (working), the health vocabulary's isWorking (vocabulary/camera-health.ts; a test holds this
-- function to it for every state): online and the picture usable: OK only. IMMUTABLE:
-- camera_status.working is generated from it (migration 0090). Stored values are computed when a
-- row is written, so a change here needs a numbered migration (`-- requires: xl_state_working`)
-- that rewrites the rows: UPDATE camera_status SET state = state.
CREATE OR REPLACE FUNCTION xl_state_working(state text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(state = 'OK', false)
$$;
