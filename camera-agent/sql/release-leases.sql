-- On a clean shutdown, the agent hands back the cameras it claimed but did not poll.
UPDATE camera_poll_state SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_owner = $1
