CREATE INDEX IF NOT EXISTS coverage_blind_spots_rank_idx ON coverage_blind_spots (mode, class, measure DESC)
