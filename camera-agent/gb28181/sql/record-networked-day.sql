-- Today's row of gb_networked_daily for every camera in service on local day $1: 联网 now
-- (xl_camera_networked, the health vocabulary's rule). A row is written when it is new or its value
-- changed (recorded_at = then), so the periodic record costs little when nothing moves. Nothing is
-- recorded before some GB/T 28181 device has registered: until then networking is unknown (no row,
-- 联网率 null), not "no camera networked".
INSERT INTO gb_networked_daily AS d (camera_id, day, networked, recorded_at)
SELECT c.id, $1::date, xl_camera_networked(c.id, now()), now()
FROM cameras c
WHERE (c.install_date IS NULL OR c.install_date <= $1::date) AND (c.removal_date IS NULL OR c.removal_date > $1::date)
  AND EXISTS (SELECT 1 FROM gb_devices)
ON CONFLICT (camera_id, day) DO UPDATE SET networked = EXCLUDED.networked, recorded_at = EXCLUDED.recorded_at
  WHERE d.networked IS DISTINCT FROM EXCLUDED.networked
