-- Cameras in service the GB/T 28181 simulator plays (the generated demo county's).
SELECT device_id AS "deviceId", name, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM cameras WHERE removal_date IS NULL ORDER BY device_id
