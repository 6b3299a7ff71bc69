-- 联网 now (the health vocabulary's rule, SQL xl_camera_networked) over the cameras in service
-- today, as status-summary.sql counts them. known: some GB/T 28181 device has ever registered;
-- without one nothing is known about networking and 联网率 is null, not 0.
SELECT count(*)::int AS total,
  count(*) FILTER (WHERE xl_camera_networked(c.id, now()))::int AS networked,
  EXISTS (SELECT 1 FROM gb_devices) AS known
FROM cameras c
WHERE (c.install_date IS NULL OR c.install_date <= current_date) AND (c.removal_date IS NULL OR c.removal_date > current_date)
