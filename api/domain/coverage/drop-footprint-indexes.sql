-- The full recompute reloads every footprint: maintaining two GiST indexes row by row costs more
-- than building them once afterwards (create-footprint-index-*.sql recreate exactly these).
DROP INDEX IF EXISTS camera_footprints_geom_idx, camera_footprints_geom_m_idx, camera_footprints_level_idx
