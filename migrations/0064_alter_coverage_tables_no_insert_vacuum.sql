-- The derived coverage tables are emptied and bulk-loaded by every full recompute (300,000
-- footprints, 400,000 results, 200,000 blind spots and 250,000 history rows at 100,000
-- cameras). Each load crossed autovacuum's insert threshold, so a vacuum of the whole table ran
-- a minute later, in the middle of the next phase or the next rebuild, only to mark pages that
-- the next recompute throws away. Inserts no longer trigger it; deletes and updates (the
-- incremental refresh) still do, and so do the anti-wraparound vacuum and autoanalyze (the
-- recompute also ANALYZEs the tables it reads back).
ALTER TABLE camera_footprints SET (autovacuum_vacuum_insert_threshold = -1);
ALTER TABLE coverage_target_parts SET (autovacuum_vacuum_insert_threshold = -1);
ALTER TABLE coverage_results SET (autovacuum_vacuum_insert_threshold = -1);
ALTER TABLE coverage_blind_spots SET (autovacuum_vacuum_insert_threshold = -1);
ALTER TABLE coverage_history SET (autovacuum_vacuum_insert_threshold = -1);
