-- +goose Up
-- The session an audited action came through (see the PostgreSQL migration).
ALTER TABLE audit_events ADD COLUMN session_id TEXT;
CREATE INDEX audit_events_session_idx ON audit_events (tenant_id, session_id) WHERE session_id IS NOT NULL;

-- +goose Down
DROP INDEX audit_events_session_idx;
ALTER TABLE audit_events DROP COLUMN session_id;
