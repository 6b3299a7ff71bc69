-- "Now" of a past date finds the history rows of the down cameras by one hashed scan
-- (coverage-engine/as-of-affected.sql: 60 ms at M, where this index's && with a thousand cameras
-- took 150 ms); nothing else reads it, and every history write kept it up.
DROP INDEX IF EXISTS coverage_history_camera_ids_idx;
