SELECT agent_id, polls, extract(epoch FROM now() - heartbeat_at) AS heartbeat_age_s FROM camera_agents
