DELETE FROM login_throttle WHERE scope = $1 AND username = $2 AND address = $3
