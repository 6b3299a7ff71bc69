-- "Coverage now" of a past date evaluates the parts some (not all) of whose cameras were down at
-- the end of that day, with the cameras that worked (coverage-engine/as-of-affected.sql): at M
-- 1,000-2,400 parts per date, 150-500 ms of geometry on both cores for each slider move, though a
-- part meets the same few sets of working cameras on most of the days it is asked about. This
-- memo keeps each (part, set of working cameras) evaluated once: what xl_part_coverage gives the
-- part with exactly those cameras. `stamp` (xl_memo_stamp) names the versions of the part's row
-- and the cameras' footprints it was computed from; a row any of whose inputs was rewritten since
-- is not used (the part is evaluated and the row replaced). A part cut again gets a new id: its rows go with the old.
-- Filled by the recompute for every such set the status records hold (fill-subset-memo.sql) and by
-- any date that meets a set not in it yet.
CREATE TABLE coverage_subset_memo (
  part_id bigint NOT NULL REFERENCES coverage_target_parts (id) ON DELETE CASCADE,
  -- The working cameras (ascending) the part was evaluated with.
  camera_ids bigint[] NOT NULL,
  stamp text NOT NULL,
  covered double precision NOT NULL,
  -- xl_part_coverage's answer: those of camera_ids whose footprint meets the part.
  seen_ids bigint[] NOT NULL,
  assumed boolean NOT NULL,
  PRIMARY KEY (part_id, camera_ids)
);
