-- Footprint, result and blind-spot rows are mostly just over PostgreSQL's 2 kB TOAST threshold
-- (a footprint in two coordinate systems is ~2.4 kB), so every insert tried pglz on them, for
-- about 6 % smaller rows: bulk-inserting a city's 300,000 footprints took 6.0 s instead of 1.8 s,
-- and every read paid for decompressing. Rows up to a page now stay inline, uncompressed.
ALTER TABLE camera_footprints SET (toast_tuple_target = 8160);
ALTER TABLE coverage_results SET (toast_tuple_target = 8160);
ALTER TABLE coverage_adhoc SET (toast_tuple_target = 8160);
ALTER TABLE coverage_blind_spots SET (toast_tuple_target = 8160);
ALTER TABLE coverage_target_parts SET (toast_tuple_target = 8160);
