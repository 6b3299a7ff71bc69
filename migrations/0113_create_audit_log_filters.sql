-- GET /api/v1/audit filters by actor, action and target and pages newest first by id.
CREATE INDEX audit_log_username_idx ON audit_log (username, id);
CREATE INDEX audit_log_action_idx ON audit_log (action, id);
