-- Login throttling in the database, so every API process sees the same counts and a restart
-- forgets nothing (issue 15 item 3). One row per throttle key:
--   user_address  failures of one user name (lower-cased) from one client address
--   address       failures from one client address, any user name (password spraying)
--   device        failures of one user name from a browser holding that user's device cookie
--                 (address is then the cookie's SHA-256), which skips the two above
--   password      wrong current passwords given to POST /auth/password by one user
-- A key holds further attempts back until blocked_until; the delay grows with each failure.
CREATE TABLE login_throttle (
  scope text NOT NULL CHECK (scope IN ('user_address', 'address', 'device', 'password')),
  username text NOT NULL DEFAULT '',
  address text NOT NULL DEFAULT '',
  failures integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
  first_failure_at timestamptz,
  last_failure_at timestamptz,
  blocked_until timestamptz,
  PRIMARY KEY (scope, username, address)
);
CREATE INDEX login_throttle_username_idx ON login_throttle (username);
CREATE INDEX login_throttle_address_idx ON login_throttle (address);
CREATE INDEX login_throttle_last_failure_idx ON login_throttle (last_failure_at);

-- Browsers that logged in successfully as a user (OWASP "device cookies"): a login attempt for
-- that user carrying the cookie is throttled on its own key, so failures by others from the
-- same address (an office behind one proxy) do not hold the user back. Only the SHA-256 of the
-- cookie is stored.
CREATE TABLE login_devices (
  token_hash text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_devices_user_idx ON login_devices (user_id);
CREATE INDEX login_devices_last_used_idx ON login_devices (last_used_at);
