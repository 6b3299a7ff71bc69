-- The agent's verdict per camera (the API and web only display it) and its change history.
-- States: OK, DEGRADED, CLOCK_SKEW, AUTH_FAILED, UNREACHABLE, NO_RESPONSE, PROTOCOL_ERROR.
-- A camera with no row has never been polled (shown as UNKNOWN).
-- 在线 (online) = answering: every state but UNREACHABLE and NO_RESPONSE.
-- 完好 (working) = answering and the picture checks pass: state OK only.
CREATE TABLE camera_status (
  camera_id bigint PRIMARY KEY REFERENCES cameras (id) ON DELETE CASCADE,
  state text NOT NULL CHECK (state IN ('OK', 'DEGRADED', 'CLOCK_SKEW', 'AUTH_FAILED', 'UNREACHABLE', 'NO_RESPONSE', 'PROTOCOL_ERROR')),
  since timestamptz NOT NULL,
  reason text NOT NULL DEFAULT '',
  online boolean GENERATED ALWAYS AS (state NOT IN ('UNREACHABLE', 'NO_RESPONSE')) STORED,
  working boolean GENERATED ALWAYS AS (state = 'OK') STORED,
  last_poll_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX camera_status_state_idx ON camera_status (state);

CREATE TABLE camera_status_events (
  id bigserial PRIMARY KEY,
  camera_id bigint NOT NULL REFERENCES cameras (id) ON DELETE CASCADE,
  state text NOT NULL,
  previous_state text,
  reason text NOT NULL DEFAULT '',
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX camera_status_events_camera_at_idx ON camera_status_events (camera_id, at);
CREATE INDEX camera_status_events_at_idx ON camera_status_events (at);
