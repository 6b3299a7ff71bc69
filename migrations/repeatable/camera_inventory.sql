-- Device inventory from both paths, one row per camera and source: ONVIF GetDeviceInformation
-- (camera_poll_state, kept by the agent) and GB/T 28181 (DeviceInfo of a camera that registers
-- itself, else the manufacturer and model a platform's catalog lists for the channel). Read by
-- the camera card, the camera export and `xueliang poll --json`.
CREATE OR REPLACE VIEW camera_inventory AS
SELECT p.camera_id, 'onvif'::text AS source, p.manufacturer, p.model, p.firmware, p.serial, p.last_poll_at AS seen_at
FROM camera_poll_state p
WHERE coalesce(p.manufacturer, p.model, p.firmware, p.serial) IS NOT NULL
UNION ALL
SELECT g.* FROM (
SELECT DISTINCT ON (x.camera_id) x.camera_id, 'gb28181'::text AS source, x.manufacturer, x.model, x.firmware, x.serial, x.seen_at
FROM (
  SELECT d.camera_id, d.manufacturer, d.model, d.firmware, d.serial, d.updated_at AS seen_at, 0 AS rank
  FROM gb_devices d
  WHERE d.camera_id IS NOT NULL AND coalesce(d.manufacturer, d.model, d.firmware, d.serial) IS NOT NULL
  UNION ALL
  SELECT c.camera_id, nullif(c.manufacturer, ''), nullif(c.model, ''), NULL, NULL, c.seen_at, 1
  FROM gb_channels c
  WHERE c.camera_id IS NOT NULL AND (c.manufacturer <> '' OR c.model <> '')
) x
ORDER BY x.camera_id, x.rank, x.seen_at DESC
) g;
