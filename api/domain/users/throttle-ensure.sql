-- Makes sure a throttle key has a row to lock (a first failure creates it).
INSERT INTO login_throttle (scope, username, address) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING
