-- The camera agent's working state, next to camera_status (0002).
-- camera_poll_state: one row per polled camera: when it is due, which agent holds it (a lease
-- that expires, so a dead agent's cameras are taken over), what worked last time (auth scheme),
-- cached media URIs, the inventory seen (model, firmware, serial) and the health state machine's
-- memory (camera-agent/health.ts HealthMemory).
CREATE TABLE camera_poll_state (
  camera_id bigint PRIMARY KEY REFERENCES cameras (id) ON DELETE CASCADE,
  next_due_at timestamptz NOT NULL,
  lease_owner text,
  lease_expires_at timestamptz,
  last_poll_at timestamptz,
  clock_offset_ms bigint,
  latency_ms integer,
  auth_scheme text CHECK (auth_scheme IN ('ws-security', 'http-digest')),
  model text,
  firmware text,
  serial text,
  -- {"mediaUrl","profileToken","streamUri","snapshotUri","refreshedAt"(epoch ms)}
  uri_cache jsonb,
  last_snapshot_at timestamptz,
  memory jsonb NOT NULL DEFAULT '{"failures":0}'
);
CREATE INDEX camera_poll_state_due_idx ON camera_poll_state (next_due_at);

-- Per camera and local day (settings agent_config.dayUtcOffsetMinutes, default UTC+8): polls
-- (sampled 在线率/完好率) and milliseconds observed online/working (time-weighted rates).
CREATE TABLE camera_status_daily (
  camera_id bigint NOT NULL REFERENCES cameras (id) ON DELETE CASCADE,
  day date NOT NULL,
  samples integer NOT NULL DEFAULT 0,
  online_samples integer NOT NULL DEFAULT 0,
  working_samples integer NOT NULL DEFAULT 0,
  observed_ms bigint NOT NULL DEFAULT 0,
  online_ms bigint NOT NULL DEFAULT 0,
  working_ms bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (camera_id, day),
  CHECK (online_samples <= samples AND working_samples <= online_samples),
  CHECK (online_ms <= observed_ms AND working_ms <= online_ms)
);
CREATE INDEX camera_status_daily_day_idx ON camera_status_daily (day);

-- An alarm is raised when a camera has not been working for longer than the flap window
-- (agent_config.flapWindowMs, default 5 min) and cleared when it works again.
CREATE TABLE camera_alarms (
  id bigserial PRIMARY KEY,
  camera_id bigint NOT NULL REFERENCES cameras (id) ON DELETE CASCADE,
  state text NOT NULL,
  reason text NOT NULL DEFAULT '',
  raised_at timestamptz NOT NULL,
  cleared_at timestamptz,
  acknowledged_at timestamptz,
  acknowledged_by text,
  ack_note text
);
CREATE UNIQUE INDEX camera_alarms_open_idx ON camera_alarms (camera_id) WHERE cleared_at IS NULL;
CREATE INDEX camera_alarms_raised_idx ON camera_alarms (raised_at DESC);

-- Agents alive (heartbeat each flush), for `xueliang status` and the takeover logic's logs.
CREATE TABLE camera_agents (
  agent_id text PRIMARY KEY,
  host text NOT NULL,
  pid integer NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  heartbeat_at timestamptz NOT NULL DEFAULT now(),
  polls bigint NOT NULL DEFAULT 0
);
