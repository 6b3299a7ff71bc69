INSERT INTO login_devices (token_hash, user_id) VALUES ($1, $2)
