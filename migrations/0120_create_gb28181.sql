-- GB/T 28181 networking (camera-agent/gb28181): devices that register with our SIP server
-- (cameras, NVRs, lower-level platforms), the channels their catalogs list, and the events of
-- both. Written by the SIP server's buffered writer (gb-writer.ts), read by `xueliang sip devices`.

-- Per-camera GB/T 28181 registration password (ledger column gb_password, 国标密码), encrypted
-- like onvif_password_enc (db/credentials.ts); never returned by the API.
ALTER TABLE cameras ADD COLUMN gb_password_enc bytea;

-- One row per device id that ever registered successfully. kind from the id's type code:
-- camera (131/132), recorder (111-118: DVR/NVR/encoder), platform (200), other.
-- online = registered and keeping alive (offline after keepaliveMissed × interval without one);
-- since/reason change with online/registered (reasons: registered, keepalive, keepalive-missed,
-- expired, unregistered).
CREATE TABLE gb_devices (
  device_id text PRIMARY KEY CHECK (device_id ~ '^[0-9]{20}$'),
  kind text NOT NULL CHECK (kind IN ('camera', 'recorder', 'platform', 'other')),
  camera_id bigint REFERENCES cameras (id) ON DELETE SET NULL,
  transport text NOT NULL CHECK (transport IN ('UDP', 'TCP')),
  remote_address text NOT NULL,
  remote_port integer NOT NULL,
  contact text NOT NULL DEFAULT '',
  registered boolean NOT NULL,
  registered_at timestamptz,
  expires_at timestamptz,
  last_keepalive_at timestamptz,
  keepalive_interval_s integer NOT NULL CHECK (keepalive_interval_s > 0),
  online boolean NOT NULL,
  since timestamptz NOT NULL,
  reason text NOT NULL DEFAULT '',
  device_name text,
  manufacturer text,
  model text,
  firmware text,
  serial text,
  channel_count integer,
  -- Catalog: none (never asked), pending, complete, partial (fewer items than SumNum before the
  -- timeout), timeout (no answer at all).
  catalog_state text NOT NULL DEFAULT 'none' CHECK (catalog_state IN ('none', 'pending', 'complete', 'partial', 'timeout')),
  catalog_sum_num integer,
  catalog_items integer,
  catalog_at timestamptz,
  status_online text,
  status_result text,
  status_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gb_devices_camera_idx ON gb_devices (camera_id);

-- Catalog items (channels and the tree's organisation nodes) by reporting device. camera_id is
-- the registry camera with the same 20-digit code (NULL: not in the registry; camera-type codes
-- without a camera are reported as unknown, never added to cameras).
CREATE TABLE gb_channels (
  device_id text NOT NULL REFERENCES gb_devices (device_id) ON DELETE CASCADE,
  channel_id text NOT NULL,
  camera_id bigint REFERENCES cameras (id) ON DELETE SET NULL,
  name text NOT NULL DEFAULT '',
  manufacturer text NOT NULL DEFAULT '',
  model text NOT NULL DEFAULT '',
  owner text NOT NULL DEFAULT '',
  civil_code text NOT NULL DEFAULT '',
  parent_id text NOT NULL DEFAULT '',
  address text NOT NULL DEFAULT '',
  -- ON / OFF as the catalog said; '' when it did not say.
  status text NOT NULL DEFAULT '',
  geom geometry(Point, 4326),
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  seen_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (device_id, channel_id)
);
CREATE INDEX gb_channels_camera_idx ON gb_channels (camera_id);
CREATE INDEX gb_channels_channel_idx ON gb_channels (channel_id);
CREATE INDEX gb_channels_geom_idx ON gb_channels USING gist (geom);

-- Changes, in the order the server saw them; each is also sent as NOTIFY gb28181 '<json>'
-- ({"deviceId","channelId","cameraId","kind","at","detail"}). Kinds: registered, unregistered,
-- expired, online, offline, auth-failed, unknown-device, unknown-channel, channel-on,
-- channel-off, channels-removed, catalog-complete, catalog-partial, catalog-timeout,
-- firmware-changed, replaced.
CREATE TABLE gb_events (
  id bigserial PRIMARY KEY,
  device_id text NOT NULL,
  channel_id text,
  camera_id bigint REFERENCES cameras (id) ON DELETE SET NULL,
  kind text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}',
  at timestamptz NOT NULL
);
CREATE INDEX gb_events_at_idx ON gb_events (at);
CREATE INDEX gb_events_device_at_idx ON gb_events (device_id, at);
