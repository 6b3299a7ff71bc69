-- One catalog's items for device $1, seen at $3. Each item is matched to the registry camera with
-- the same code (in service). Returns every item with its previous status and whether it is new,
-- so the writer can report unknown codes and ON/OFF changes.
WITH input AS (
  SELECT * FROM json_to_recordset($2::json) AS i(channel_id text, name text, manufacturer text, model text, owner text,
    civil_code text, parent_id text, address text, status text, lon double precision, lat double precision)
), old AS (
  SELECT c.channel_id, c.status FROM gb_channels c WHERE c.device_id = $1 AND c.channel_id IN (SELECT channel_id FROM input)
), up AS (
  INSERT INTO gb_channels AS g (device_id, channel_id, camera_id, name, manufacturer, model, owner, civil_code, parent_id, address, status, geom,
    first_seen_at, seen_at)
  SELECT $1, i.channel_id, cam.id, i.name, i.manufacturer, i.model, i.owner, i.civil_code, i.parent_id, i.address, i.status,
    CASE WHEN i.lon IS NULL OR i.lat IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(i.lon, i.lat), 4326) END, $3::timestamptz, $3::timestamptz
  FROM input i
  LEFT JOIN cameras cam ON cam.device_id = i.channel_id AND cam.removal_date IS NULL
  ON CONFLICT (device_id, channel_id) DO UPDATE SET
    camera_id = EXCLUDED.camera_id, name = EXCLUDED.name, manufacturer = EXCLUDED.manufacturer, model = EXCLUDED.model, owner = EXCLUDED.owner,
    civil_code = EXCLUDED.civil_code, parent_id = EXCLUDED.parent_id, address = EXCLUDED.address, status = EXCLUDED.status,
    geom = EXCLUDED.geom, seen_at = EXCLUDED.seen_at
  RETURNING g.channel_id, g.camera_id, g.status
)
SELECT up.channel_id AS "channelId", up.camera_id::bigint AS "cameraId", up.status, old.status AS "oldStatus", old.channel_id IS NULL AS inserted
FROM up LEFT JOIN old USING (channel_id)
