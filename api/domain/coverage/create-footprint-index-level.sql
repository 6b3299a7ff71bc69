CREATE INDEX IF NOT EXISTS camera_footprints_level_idx ON camera_footprints (level, occluded)
