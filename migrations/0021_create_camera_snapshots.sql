-- The latest snapshot of each camera, kept by camera-agent for the camera card ("last snapshot,
-- if permitted"). One row per camera: a newer picture replaces the older one, so the table stays
-- bounded by the fleet (≤ the agent's snapshotStoreMaxBytes, 512 KiB by default, per camera).
-- Pictures of public places are sensitive: the API shows them only to roles with view_snapshots
-- and audits every view.
CREATE TABLE camera_snapshots (
  camera_id bigint PRIMARY KEY REFERENCES cameras (id) ON DELETE CASCADE,
  taken_at timestamptz NOT NULL,
  -- Validated by the agent as a decodable JPEG (SOI marker and a baseline/progressive decode).
  jpeg bytea NOT NULL CHECK (octet_length(jpeg) BETWEEN 4 AND 1048576),
  width integer NOT NULL CHECK (width > 0),
  height integer NOT NULL CHECK (height > 0),
  -- The agent's picture verdict for this frame: '' (passed), 'black-picture' or 'frozen-picture'.
  picture_reason text NOT NULL DEFAULT '' CHECK (picture_reason IN ('', 'black-picture', 'frozen-picture')),
  agent_id text NOT NULL DEFAULT '',
  stored_at timestamptz NOT NULL DEFAULT now()
);
-- JPEG does not compress further: skip TOAST compression attempts, keep out-of-line storage.
ALTER TABLE camera_snapshots ALTER COLUMN jpeg SET STORAGE EXTERNAL;
