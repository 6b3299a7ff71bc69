-- The full recompute reloads every footprint: maintaining the GiST index row by row costs more
-- than building it once afterwards (create-footprint-index-*.sql recreate exactly these).
DROP INDEX IF EXISTS camera_footprints_geom_m_idx, camera_footprints_level_idx
