CREATE INDEX IF NOT EXISTS coverage_blind_spots_geom_idx ON coverage_blind_spots USING gist (geom)
