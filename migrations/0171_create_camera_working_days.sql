-- requires: xl_camera_working_ranges, xl_camera_working_days_sync
-- The days each camera worked at their end, as ranges (xl_camera_working_ranges): "coverage now"
-- of a past day asks which cameras worked then, and replaying each camera's last status event
-- before the day's end took 100-130 ms at M (20,000 index lookups) for every date on the time
-- slider; a range index answers it in a few. Kept by triggers on every write to the status
-- events (and on a change of the dataset's time zone, which moves the local days).
CREATE TABLE camera_working_days (
  camera_id bigint NOT NULL REFERENCES cameras (id) ON DELETE CASCADE,
  days daterange NOT NULL
);
CREATE INDEX camera_working_days_days_idx ON camera_working_days USING gist (days);
CREATE INDEX camera_working_days_camera_idx ON camera_working_days (camera_id);
INSERT INTO camera_working_days (camera_id, days) SELECT camera_id, days FROM xl_camera_working_ranges(NULL);

CREATE TRIGGER camera_status_events_working_days_insert AFTER INSERT ON camera_status_events
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION xl_camera_working_days_sync();
CREATE TRIGGER camera_status_events_working_days_update AFTER UPDATE ON camera_status_events
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION xl_camera_working_days_sync();
CREATE TRIGGER camera_status_events_working_days_delete AFTER DELETE ON camera_status_events
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION xl_camera_working_days_sync();
CREATE TRIGGER camera_status_events_working_days_truncate AFTER TRUNCATE ON camera_status_events
  FOR EACH STATEMENT EXECUTE FUNCTION xl_camera_working_days_sync();
CREATE TRIGGER settings_working_days_insert AFTER INSERT ON settings
  FOR EACH ROW WHEN (NEW.key = 'time_zone') EXECUTE FUNCTION xl_camera_working_days_sync();
CREATE TRIGGER settings_working_days_update AFTER UPDATE ON settings
  FOR EACH ROW WHEN ((NEW.key = 'time_zone' OR OLD.key = 'time_zone') AND (OLD.key, OLD.value) IS DISTINCT FROM (NEW.key, NEW.value))
  EXECUTE FUNCTION xl_camera_working_days_sync();
CREATE TRIGGER settings_working_days_delete AFTER DELETE ON settings
  FOR EACH ROW WHEN (OLD.key = 'time_zone') EXECUTE FUNCTION xl_camera_working_days_sync();
