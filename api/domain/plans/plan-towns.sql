-- For each camera of plan $1: the admin code its GB/T 28181 device id starts with (the town
-- holding it with an 8-digit code, else its county's 6 digits + "00"), and the highest serial
-- IP cameras (type 132) of that code already use.
WITH pc AS (
  SELECT c.position, c.geom FROM plan_cameras c WHERE c.plan_id = $1
),
code AS (
  SELECT pc.position,
         coalesce((SELECT a.code FROM admin_areas a WHERE a.code ~ '^[0-9]{8}$' AND ST_Covers(a.geom, pc.geom) ORDER BY a.code LIMIT 1),
                  (SELECT a.code || '00' FROM admin_areas a WHERE a.level = 'county' AND a.code ~ '^[0-9]{6}$' AND ST_Covers(a.geom, pc.geom)
                   ORDER BY a.code LIMIT 1)) AS admin_code
  FROM pc
)
SELECT code.position, code.admin_code,
       (SELECT coalesce(max(substr(c.device_id, 15, 6)::integer), 0) FROM cameras c
        WHERE code.admin_code IS NOT NULL AND substr(c.device_id, 1, 8) = code.admin_code AND substr(c.device_id, 11, 3) = '132') AS max_serial
FROM code ORDER BY code.position
