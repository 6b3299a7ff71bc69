-- Daily availability of camera $1 for the local days $2..$3, from the daily aggregates.
SELECT to_char(day, 'YYYY-MM-DD') AS day, samples,
  online_samples::float8 / nullif(samples, 0) AS "onlineRateSampled",
  online_ms::float8 / nullif(observed_ms, 0) AS "onlineRateTimeWeighted",
  working_samples::float8 / nullif(samples, 0) AS "workingRateSampled",
  working_ms::float8 / nullif(observed_ms, 0) AS "workingRateTimeWeighted",
  observed_ms AS "observedMs"
FROM camera_status_daily
WHERE camera_id = $1 AND day BETWEEN $2::date AND $3::date
ORDER BY day
