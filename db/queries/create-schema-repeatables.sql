-- The repeatable files applied (name = the function or view, and the file without .sql), with
-- the SHA-256 of the text last applied: a file whose text differs is applied again.
CREATE TABLE IF NOT EXISTS schema_repeatables (
  name text PRIMARY KEY, checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now())
