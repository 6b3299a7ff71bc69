-- Which parts a camera contributes to, for refreshing after the camera row is already deleted
-- (its footprints went with it through ON DELETE CASCADE).
CREATE INDEX coverage_results_camera_ids_idx ON coverage_results USING gin (camera_ids);
