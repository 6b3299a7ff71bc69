-- Deriving every blind spot refills the table: building its three secondary indexes once after
-- the load is cheaper than maintaining them row by row (create-blind-spot-index-*.sql recreate
-- exactly those of migrations 0010 and 0065; the primary key stays for the reasons pass).
DROP INDEX IF EXISTS coverage_blind_spots_geom_m_idx, coverage_blind_spots_target_idx, coverage_blind_spots_rank_idx
