COPY targets (class, kind, name, required_level, priority, source, source_ref, admin_area_id, geom) FROM STDIN
