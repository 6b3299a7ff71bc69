CREATE INDEX IF NOT EXISTS camera_footprints_geom_m_idx ON camera_footprints USING gist (geom_m)
