INSERT INTO camera_agents (agent_id, host, pid, polls) VALUES ($1, $2, $3, $4)
ON CONFLICT (agent_id) DO UPDATE SET heartbeat_at = now(), polls = EXCLUDED.polls
