CREATE INDEX IF NOT EXISTS coverage_target_parts_class_idx ON coverage_target_parts (class, admin_area_id)
