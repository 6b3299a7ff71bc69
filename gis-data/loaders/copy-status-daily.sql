COPY camera_status_daily (camera_id, day, samples, online_samples, working_samples, observed_ms, online_ms, working_ms) FROM STDIN
