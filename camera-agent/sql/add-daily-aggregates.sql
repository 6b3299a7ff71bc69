-- Adds this batch's samples and observed milliseconds to the per-camera daily rows.
INSERT INTO camera_status_daily AS d (camera_id, day, samples, online_samples, working_samples, observed_ms, online_ms, working_ms)
SELECT * FROM unnest($1::bigint[], $2::date[], $3::integer[], $4::integer[], $5::integer[], $6::bigint[], $7::bigint[], $8::bigint[])
ON CONFLICT (camera_id, day) DO UPDATE
SET samples = d.samples + EXCLUDED.samples, online_samples = d.online_samples + EXCLUDED.online_samples,
    working_samples = d.working_samples + EXCLUDED.working_samples, observed_ms = d.observed_ms + EXCLUDED.observed_ms,
    online_ms = d.online_ms + EXCLUDED.online_ms, working_ms = d.working_ms + EXCLUDED.working_ms
