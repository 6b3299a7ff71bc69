SELECT (SELECT count(*) FROM cameras)::int AS cameras,
  (SELECT count(*) FROM camera_status_events)::int AS status_events,
  (SELECT count(*) FROM targets)::int AS targets
