-- One row per import dry run or commit (cameras ledgers, OSM, target layers, admin areas), so an
-- engineer can see what a commit changed and what was rejected, and the API can list past runs.
CREATE TABLE import_runs (
  id bigserial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('cameras', 'osm', 'targets', 'areas')),
  file_name text NOT NULL,
  format text,
  dry_run boolean NOT NULL,
  committed boolean NOT NULL DEFAULT false,
  -- {"rows":…,"add":…,"update":…,"reject":…,"assumed":…} or per-table counts for OSM.
  counts jsonb NOT NULL DEFAULT '{}',
  -- The report without secrets; rejections capped at 1,000 entries.
  report jsonb NOT NULL DEFAULT '{}',
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX import_runs_created_idx ON import_runs (created_at);
