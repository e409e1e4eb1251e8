-- +goose Up
-- An invitation can be revoked before it is accepted: by an owner or admin,
-- or with its inviter's removal or demotion.
ALTER TABLE invitations ADD COLUMN revoked_at DATETIME;
ALTER TABLE invitations ADD COLUMN revoked_by TEXT REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX invitations_pending_idx ON invitations (tenant_id, invited_by) WHERE accepted_at IS NULL AND revoked_at IS NULL;

-- +goose Down
DROP INDEX invitations_pending_idx;
ALTER TABLE invitations DROP COLUMN revoked_by;
ALTER TABLE invitations DROP COLUMN revoked_at;
