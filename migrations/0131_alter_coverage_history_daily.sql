-- The coverage history becomes a daily series (issue 14, "Speed of the journeys": any date on
-- the time slider answers from it instead of evaluating every part again). A part's row holds,
-- from the day a camera reaching it was installed or removed, its covered amount with the
-- cameras in service that day, and now also which of those cameras see it and whether its
-- coverage rests on an assumed value (what the rates need besides the amount). Month-end rows
-- could only answer month ends: 2020-12-15 read as 2020-11-30.
ALTER TABLE coverage_history RENAME COLUMN from_month TO from_day;
ALTER TABLE coverage_history ADD COLUMN camera_ids bigint[] NOT NULL DEFAULT '{}';
ALTER TABLE coverage_history ADD COLUMN assumed boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN coverage_history.from_day IS
  'the part''s coverage from this day on (a camera reaching it was installed or removed that day), until its next row';

-- The month-end rows are rebuilt by the next full recompute, which `xueliang coverage`, the
-- server's start (`npm start`) and `xueliang recompute` run when no results are stored.
TRUNCATE coverage_history, coverage_results, coverage_blind_spots;
