COPY camera_status_events (camera_id, state, previous_state, reason, at) FROM STDIN
