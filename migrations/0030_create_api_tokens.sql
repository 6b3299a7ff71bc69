-- API tokens for scripts (Authorization: Bearer xl_<token>). Only the SHA-256 of the token is
-- stored; the token itself is shown once by `xueliang user token`.
CREATE TABLE api_tokens (
  id serial PRIMARY KEY,
  token_hash text NOT NULL UNIQUE,
  user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  label text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);
