-- The user a device cookie was issued to (case-insensitive name, as the throttle keys are).
SELECT d.user_id, lower(u.username) AS username FROM login_devices d JOIN users u ON u.id = d.user_id WHERE d.token_hash = $1
