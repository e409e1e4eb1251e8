-- +goose Up
-- Every change of a group's approval threshold: who proposed it, and for a
-- raise in a group with a second owner or admin, who confirmed it. A raise
-- waits ('pending') until confirmed; a newer change supersedes it. Applied
-- changes are shown on the group's public ledger page.
CREATE TABLE threshold_changes (
    tenant_id     TEXT NOT NULL REFERENCES tenants (id),
    id            TEXT NOT NULL,
    old_threshold INTEGER NOT NULL CHECK (old_threshold >= 0),
    new_threshold INTEGER NOT NULL CHECK (new_threshold >= 0),
    status        TEXT NOT NULL CHECK (status IN ('pending', 'applied', 'superseded')),
    proposed_by   TEXT REFERENCES users (id),
    proposed_at   DATETIME NOT NULL,
    confirmed_by  TEXT REFERENCES users (id),
    applied_at    DATETIME,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX threshold_changes_status_idx ON threshold_changes (tenant_id, status, proposed_at);

-- +goose Down
DROP TABLE threshold_changes;
