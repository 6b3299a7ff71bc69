-- API tokens may expire (issue 15 item 6): null = never. Revocation already has revoked_at.
ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz;
