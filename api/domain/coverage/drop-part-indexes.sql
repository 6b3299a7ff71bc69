-- The full recompute cuts every target again: maintaining the GiST index row by row costs more
-- than building it once afterwards (create-part-index-*.sql recreate exactly these, as
-- migration 0010 made them). The primary key and the (target_id, part_no) key stay.
DROP INDEX IF EXISTS coverage_target_parts_geom_m_idx, coverage_target_parts_class_idx
