-- The versions (row xmin) of what coverage_subset_memo's answer for part `part` with cameras `ids`
-- is cut from: the part's row, then each camera's occlusion-clipped footprint at the part's
-- required level, in camera order. Rewriting (or dropping) any of them changes it; an answer is
-- reused only while its stamp is unchanged. as-of-affected.sql writes the same out (a call per
-- part is not inlined).
CREATE OR REPLACE FUNCTION xl_memo_stamp(part bigint, ids bigint[]) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT p.xmin::text || '/' || coalesce((
    SELECT string_agg(f.camera_id::text || ':' || f.xmin::text, ',' ORDER BY f.camera_id)
    FROM camera_footprints f WHERE f.camera_id = ANY (ids) AND f.level = p.required_level AND f.occluded
  ), '')
  FROM coverage_target_parts p WHERE p.id = part
$$;
