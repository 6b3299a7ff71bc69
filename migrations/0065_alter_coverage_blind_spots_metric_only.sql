-- Blind spots are kept in planar metres only (geom_m), as footprints are since 0063. The
-- EPSG:4326 copy was made for every stored piece (~190,000 at 100,000 cameras: a transform, a
-- second geometry and its GiST index in every rebuild) and read only to draw tiles and to answer
-- the list, which now project the few pieces they return.
DROP INDEX IF EXISTS coverage_blind_spots_geom_idx;
ALTER TABLE coverage_blind_spots DROP COLUMN geom;

-- Functions and views live in migrations/repeatable/ (one file each); db/superseded-checksums.ts
-- keeps this file's checksum from before they moved out.
