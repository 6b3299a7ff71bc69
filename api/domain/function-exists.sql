SELECT EXISTS (SELECT 1 FROM pg_proc WHERE proname = $1) AS ok
