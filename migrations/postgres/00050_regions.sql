-- +goose Up
-- Verification of a group by a coordinator of its region. tenants.verified
-- stays the one answer to "is this group verified?" (donations read it);
-- these columns keep the latest decision and its note for the group to see.
ALTER TABLE tenants ADD COLUMN verification_status text NOT NULL DEFAULT ''
    CHECK (verification_status IN ('', 'verified', 'changes_requested'));
ALTER TABLE tenants ADD COLUMN verification_note text NOT NULL DEFAULT '';
ALTER TABLE tenants ADD COLUMN verification_decided_at timestamptz;

-- Every decision, never updated: the group's verification history.
CREATE TABLE verification_decisions (
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    id         uuid NOT NULL,
    decision   text NOT NULL CHECK (decision IN ('verify', 'request_changes')),
    note       text NOT NULL DEFAULT '',
    decided_by uuid NOT NULL REFERENCES users (id),
    decided_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX verification_decisions_time_idx ON verification_decisions (tenant_id, decided_at);

ALTER TABLE verification_decisions ENABLE ROW LEVEL SECURITY;
ALTER TABLE verification_decisions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON verification_decisions
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- Per-group figures for coordinators, maintained by the rollup job: each row
-- is computed inside its own tenant's scope (row-level security on) and holds
-- counts, rates and sums only, never a person. Counts here are exact;
-- suppression and rounding are applied when a coordinator reads them. It is
-- read across tenants on purpose (one row per group of a region), so it has
-- no tenant policy.
CREATE TABLE group_figures (
    tenant_id              uuid PRIMARY KEY REFERENCES tenants (id),
    people_served          integer NOT NULL DEFAULT 0,
    prse_served            integer NOT NULL DEFAULT 0,
    active_programs        integer NOT NULL DEFAULT 0,
    activities_90d         integer NOT NULL DEFAULT 0,
    attendance_people_90d  integer NOT NULL DEFAULT 0,
    attendance_rate_90d    double precision,
    income_change_people   integer NOT NULL DEFAULT 0,
    income_change_median   bigint,
    graduation_ready       integer NOT NULL DEFAULT 0,
    donations_received     bigint NOT NULL DEFAULT 0,
    last_activity_on       date,
    source_changed_at      timestamptz,
    refreshed_at           timestamptz NOT NULL
);

-- +goose Down
DROP TABLE group_figures;
DROP TABLE verification_decisions;
ALTER TABLE tenants DROP COLUMN verification_decided_at;
ALTER TABLE tenants DROP COLUMN verification_note;
ALTER TABLE tenants DROP COLUMN verification_status;
