-- +goose Up
-- The session an audited action came through, so a breach report can list
-- what one stolen token read (peduli audit reads --token-session ID).
ALTER TABLE audit_events ADD COLUMN session_id uuid;
CREATE INDEX audit_events_session_idx ON audit_events (tenant_id, session_id) WHERE session_id IS NOT NULL;

-- +goose Down
DROP INDEX audit_events_session_idx;
ALTER TABLE audit_events DROP COLUMN session_id;
