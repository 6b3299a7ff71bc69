-- Cameras in service by 20-digit code, with their GB/T 28181 password (encrypted) when the
-- ledger gave one: what REGISTER and catalog items are matched against.
SELECT id::bigint AS "cameraId", device_id AS "deviceId", gb_password_enc AS "passwordEnc"
FROM cameras
WHERE removal_date IS NULL
