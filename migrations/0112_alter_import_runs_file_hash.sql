-- Which file an import read (issue 15 item 8): the SHA-256 of its bytes, so an audit entry can
-- be matched to the file an engineer still has. created_by (already there) is now filled with
-- the user name, or cli:<OS user> for the command line.
ALTER TABLE import_runs ADD COLUMN file_sha256 text CHECK (file_sha256 IS NULL OR file_sha256 ~ '^[0-9a-f]{64}$');
