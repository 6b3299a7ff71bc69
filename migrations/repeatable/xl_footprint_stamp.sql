-- The versions (row xmin) of the occlusion-clipped footprints of `ids` at level `lvl`, in camera
-- order: a footprint rewritten (or dropped) changes it. coverage_subset_memo keeps it with each
-- result, and a result is reused only while its footprints' stamp is unchanged.
CREATE OR REPLACE FUNCTION xl_footprint_stamp(ids bigint[], lvl text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce(string_agg(f.camera_id::text || ':' || f.xmin::text, ',' ORDER BY f.camera_id), '')
  FROM camera_footprints f WHERE f.camera_id = ANY (ids) AND f.level = lvl AND f.occluded
$$;
