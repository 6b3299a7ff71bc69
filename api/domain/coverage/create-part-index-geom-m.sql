CREATE INDEX IF NOT EXISTS coverage_target_parts_geom_m_idx ON coverage_target_parts USING gist (geom_m)
