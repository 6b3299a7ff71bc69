-- Deriving every blind spot refills the table: building its four secondary indexes once after
-- the load is cheaper than maintaining them row by row (create-blind-spot-index-*.sql recreate
-- exactly those of migration 0010; the primary key stays for the reasons pass).
DROP INDEX IF EXISTS coverage_blind_spots_geom_idx, coverage_blind_spots_geom_m_idx, coverage_blind_spots_target_idx, coverage_blind_spots_rank_idx
