-- Every rejected row of a camera ledger import run (dry run or commit), stored as the import
-- reads the file, so neither the importer nor a response ever holds them all: the response
-- carries the counts and the first rows, GET /imports/runs/{runId}/rejections pages the rest
-- (issue 15: a 26-million-row file of bad rows once took the API to its heap limit).
CREATE TABLE import_rejections (
  run_id bigint NOT NULL REFERENCES import_runs (id) ON DELETE CASCADE,
  row_no integer NOT NULL,
  -- Order of discovery, breaking ties within a row (pages are ordered by row_no, seq).
  seq integer NOT NULL,
  device_id text,
  code text NOT NULL,
  field text,
  message text NOT NULL,
  PRIMARY KEY (run_id, row_no, seq)
);

-- Why a run stopped before the end of its file (row or rejection limit), or NULL.
ALTER TABLE import_runs ADD COLUMN stopped jsonb;
