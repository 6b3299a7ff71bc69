-- requires: xl_notify_coverage_inputs
-- Every change to what computed (another date's or level's) blind spots are made of is announced
-- with NOTIFY coverage_inputs (migrations/repeatable/xl_notify_coverage_inputs.sql), so the API's
-- cache of those pieces is dropped exactly then. Statement-level where any change matters; where
-- most writes do not (the agent updates camera_status at every poll, settings hold unrelated
-- keys), a row-level trigger that fires only for what the pieces read.
CREATE TRIGGER cameras_coverage_inputs AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cameras
  FOR EACH STATEMENT EXECUTE FUNCTION xl_notify_coverage_inputs();
CREATE TRIGGER camera_footprints_coverage_inputs AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON camera_footprints
  FOR EACH STATEMENT EXECUTE FUNCTION xl_notify_coverage_inputs();
CREATE TRIGGER coverage_target_parts_coverage_inputs AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON coverage_target_parts
  FOR EACH STATEMENT EXECUTE FUNCTION xl_notify_coverage_inputs();
CREATE TRIGGER targets_coverage_inputs AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON targets
  FOR EACH STATEMENT EXECUTE FUNCTION xl_notify_coverage_inputs();
CREATE TRIGGER admin_areas_coverage_inputs AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON admin_areas
  FOR EACH STATEMENT EXECUTE FUNCTION xl_notify_coverage_inputs();
CREATE TRIGGER buildings_coverage_inputs AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON buildings
  FOR EACH STATEMENT EXECUTE FUNCTION xl_notify_coverage_inputs();
-- The settings the engine reads (coverage-engine/settings.ts loadCoverageSettings).
CREATE TRIGGER settings_coverage_inputs_write AFTER INSERT OR UPDATE ON settings
  FOR EACH ROW WHEN (NEW.key IN ('coverage', 'standard', 'default_levels', 'custom_levels', 'time_zone'))
  EXECUTE FUNCTION xl_notify_coverage_inputs();
CREATE TRIGGER settings_coverage_inputs_delete AFTER DELETE ON settings
  FOR EACH ROW WHEN (OLD.key IN ('coverage', 'standard', 'default_levels', 'custom_levels', 'time_zone'))
  EXECUTE FUNCTION xl_notify_coverage_inputs();
CREATE TRIGGER settings_coverage_inputs_truncate AFTER TRUNCATE ON settings
  FOR EACH STATEMENT EXECUTE FUNCTION xl_notify_coverage_inputs();
-- Camera health: whether a camera works ("now" today), and the events a past day's "now" reads.
CREATE TRIGGER camera_status_coverage_inputs_insert AFTER INSERT ON camera_status
  FOR EACH ROW EXECUTE FUNCTION xl_notify_coverage_inputs();
CREATE TRIGGER camera_status_coverage_inputs_update AFTER UPDATE ON camera_status
  FOR EACH ROW WHEN (OLD.working IS DISTINCT FROM NEW.working OR OLD.camera_id IS DISTINCT FROM NEW.camera_id)
  EXECUTE FUNCTION xl_notify_coverage_inputs();
CREATE TRIGGER camera_status_coverage_inputs_delete AFTER DELETE OR TRUNCATE ON camera_status
  FOR EACH STATEMENT EXECUTE FUNCTION xl_notify_coverage_inputs();
CREATE TRIGGER camera_status_events_coverage_inputs AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON camera_status_events
  FOR EACH STATEMENT EXECUTE FUNCTION xl_notify_coverage_inputs();
