-- Registered cameras in service and their ONVIF addresses, for matching WS-Discovery answers.
SELECT device_id AS "deviceId", onvif_url AS "onvifUrl" FROM cameras WHERE removal_date IS NULL ORDER BY device_id
