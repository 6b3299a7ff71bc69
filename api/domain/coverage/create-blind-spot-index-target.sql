CREATE INDEX IF NOT EXISTS coverage_blind_spots_target_idx ON coverage_blind_spots (target_id, mode)
