-- Agents that wrote a heartbeat in the last $1 ms.
SELECT agent_id AS "agentId", host, pid, started_at AS "startedAt", heartbeat_at AS "heartbeatAt", polls
FROM camera_agents WHERE heartbeat_at > now() - make_interval(secs => $1::double precision / 1000)
ORDER BY agent_id
