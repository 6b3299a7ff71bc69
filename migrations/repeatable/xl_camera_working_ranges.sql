-- The days each camera worked at their end, as ranges, from its status events: a camera works at
-- the end of a local day when its last event before the day ends says so (xl_state_working), and
-- not before its first. The day-end state of each day with events, its changes, and the ranges
-- from a change to working up to the next change. `ids`: those cameras (NULL: all). Kept in
-- camera_working_days (migration 0171) by xl_camera_working_days_sync.
CREATE OR REPLACE FUNCTION xl_camera_working_ranges(ids bigint[]) RETURNS TABLE (camera_id bigint, days daterange)
LANGUAGE sql STABLE AS $$
  WITH day_end AS (
    SELECT DISTINCT ON (e.camera_id, xl_local_day(e.at)) e.camera_id, xl_local_day(e.at) AS day, xl_state_working(e.state) AS working
    FROM camera_status_events e
    WHERE ids IS NULL OR e.camera_id = ANY (ids)
    ORDER BY e.camera_id, xl_local_day(e.at), e.at DESC, e.id DESC
  ),
  marked AS (
    SELECT d.camera_id, d.day, d.working, lag(d.working) OVER (PARTITION BY d.camera_id ORDER BY d.day) AS before FROM day_end d
  ),
  changes AS (
    SELECT m.camera_id, m.day, m.working, lead(m.day) OVER (PARTITION BY m.camera_id ORDER BY m.day) AS until
    FROM marked m WHERE m.before IS DISTINCT FROM m.working
  )
  SELECT c.camera_id, daterange(c.day, c.until) FROM changes c WHERE c.working
$$;
