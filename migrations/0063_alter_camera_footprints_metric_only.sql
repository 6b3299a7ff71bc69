-- Footprints are kept in planar metres only (geom_m). The EPSG:4326 copy served nothing but the
-- footprint tiles, and a full recompute spent a fifth of its database time making and storing it
-- (at 100,000 cameras: ~6 s of ST_Transform and ~4 s more of writing the second geometry). The
-- tiles now select by the tile's envelope in metres (xl_tile_envelope_m) and project geom_m to
-- web mercator themselves, as they projected geom before.
DROP INDEX IF EXISTS camera_footprints_geom_idx;
ALTER TABLE camera_footprints DROP COLUMN geom;

-- Functions and views live in migrations/repeatable/ (one file each); db/superseded-checksums.ts
-- keeps this file's checksum from before they moved out.
