-- +goose Up
-- Every change of a group's approval threshold: who proposed it, and for a
-- raise in a group with a second owner or admin, who confirmed it. A raise
-- waits ('pending') until confirmed; a newer change supersedes it. Applied
-- changes are shown on the group's public ledger page.
CREATE TABLE threshold_changes (
    tenant_id     uuid NOT NULL REFERENCES tenants (id),
    id            uuid NOT NULL,
    old_threshold bigint NOT NULL CHECK (old_threshold >= 0),
    new_threshold bigint NOT NULL CHECK (new_threshold >= 0),
    status        text NOT NULL CHECK (status IN ('pending', 'applied', 'superseded')),
    proposed_by   uuid REFERENCES users (id),
    proposed_at   timestamptz NOT NULL,
    confirmed_by  uuid REFERENCES users (id),
    applied_at    timestamptz,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX threshold_changes_status_idx ON threshold_changes (tenant_id, status, proposed_at);

ALTER TABLE threshold_changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE threshold_changes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON threshold_changes
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- +goose Down
DROP TABLE threshold_changes;
