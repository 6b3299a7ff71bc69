-- Device cookies live 180 days after their last successful login.
DELETE FROM login_devices WHERE last_used_at < now() - interval '180 days'
