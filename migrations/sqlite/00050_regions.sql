-- +goose Up
-- Verification of a group by a coordinator of its region. tenants.verified
-- stays the one answer to "is this group verified?" (donations read it);
-- these columns keep the latest decision and its note for the group to see.
ALTER TABLE tenants ADD COLUMN verification_status TEXT NOT NULL DEFAULT ''
    CHECK (verification_status IN ('', 'verified', 'changes_requested'));
ALTER TABLE tenants ADD COLUMN verification_note TEXT NOT NULL DEFAULT '';
ALTER TABLE tenants ADD COLUMN verification_decided_at DATETIME;

-- Every decision, never updated: the group's verification history.
CREATE TABLE verification_decisions (
    tenant_id  TEXT NOT NULL REFERENCES tenants (id),
    id         TEXT NOT NULL,
    decision   TEXT NOT NULL CHECK (decision IN ('verify', 'request_changes')),
    note       TEXT NOT NULL DEFAULT '',
    decided_by TEXT NOT NULL REFERENCES users (id),
    decided_at DATETIME NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX verification_decisions_time_idx ON verification_decisions (tenant_id, decided_at);

-- Per-group figures for coordinators, maintained by the rollup job (see the
-- PostgreSQL migration for why it is read across tenants).
CREATE TABLE group_figures (
    tenant_id              TEXT PRIMARY KEY REFERENCES tenants (id),
    people_served          INTEGER NOT NULL DEFAULT 0,
    prse_served            INTEGER NOT NULL DEFAULT 0,
    active_programs        INTEGER NOT NULL DEFAULT 0,
    activities_90d         INTEGER NOT NULL DEFAULT 0,
    attendance_people_90d  INTEGER NOT NULL DEFAULT 0,
    attendance_rate_90d    REAL,
    income_change_people   INTEGER NOT NULL DEFAULT 0,
    income_change_median   INTEGER,
    graduation_ready       INTEGER NOT NULL DEFAULT 0,
    donations_received     INTEGER NOT NULL DEFAULT 0,
    last_activity_on       TEXT,
    source_changed_at      DATETIME,
    refreshed_at           DATETIME NOT NULL
);

-- +goose Down
DROP TABLE group_figures;
DROP TABLE verification_decisions;
ALTER TABLE tenants DROP COLUMN verification_decided_at;
ALTER TABLE tenants DROP COLUMN verification_note;
ALTER TABLE tenants DROP COLUMN verification_status;
