-- +goose Up
-- A rotating savings round: its members each pay the contribution every
-- period and, in the draw order (by lot or by agreement), each receives
-- the pot once. The round is complete when everyone has received.
CREATE TABLE arisan_rounds (
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    id           uuid NOT NULL,
    name         text NOT NULL,
    contribution bigint NOT NULL CHECK (contribution > 0),
    starts_on    date NOT NULL,
    draw         text NOT NULL CHECK (draw IN ('lot', 'agreement')),
    completed_on date,
    created_by   uuid REFERENCES users (id),
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE arisan_members (
    tenant_id      uuid NOT NULL REFERENCES tenants (id),
    round_id       uuid NOT NULL,
    beneficiary_id uuid NOT NULL,
    draw_no        integer NOT NULL CHECK (draw_no > 0),
    received_on    date,
    entry_id       uuid,
    PRIMARY KEY (tenant_id, round_id, beneficiary_id),
    FOREIGN KEY (tenant_id, round_id) REFERENCES arisan_rounds (tenant_id, id),
    FOREIGN KEY (tenant_id, beneficiary_id) REFERENCES beneficiaries (tenant_id, id),
    FOREIGN KEY (tenant_id, entry_id) REFERENCES journal_entries (tenant_id, id)
);
CREATE UNIQUE INDEX arisan_members_draw_idx ON arisan_members (tenant_id, round_id, draw_no);

ALTER TABLE arisan_rounds ENABLE ROW LEVEL SECURITY;
ALTER TABLE arisan_rounds FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON arisan_rounds
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
ALTER TABLE arisan_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE arisan_members FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON arisan_members
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- +goose Down
DROP TABLE arisan_members;
DROP TABLE arisan_rounds;
