SELECT id, username, role, password_hash, must_change_password, disabled
FROM users WHERE username = $1
