-- +goose Up
-- The group's rule for the solidarity contribution (iuran kesetiakawanan
-- sosial, IKS) members pay from their enterprise profits into the social
-- fund: a share of the month's profit or a fixed amount.
CREATE TABLE iks_rules (
    tenant_id  uuid PRIMARY KEY REFERENCES tenants (id),
    kind       text NOT NULL CHECK (kind IN ('percent', 'fixed')),
    percent_bp integer NOT NULL DEFAULT 0 CHECK (percent_bp BETWEEN 0 AND 10000),
    amount     bigint NOT NULL DEFAULT 0 CHECK (amount >= 0),
    updated_by uuid REFERENCES users (id),
    updated_at timestamptz NOT NULL
);

-- A member's contribution for one month; the amount is hers: sealed.
CREATE TABLE iks_contributions (
    tenant_id      uuid NOT NULL REFERENCES tenants (id),
    id             uuid NOT NULL,
    beneficiary_id uuid NOT NULL,
    period         text NOT NULL,
    amount_sealed  text NOT NULL,
    key_version    integer NOT NULL,
    paid_on        date NOT NULL,
    receipt_no     text NOT NULL,
    entry_id       uuid NOT NULL,
    created_by     uuid REFERENCES users (id),
    created_at     timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, beneficiary_id) REFERENCES beneficiaries (tenant_id, id),
    FOREIGN KEY (tenant_id, entry_id) REFERENCES journal_entries (tenant_id, id)
);
CREATE UNIQUE INDEX iks_contributions_month_idx ON iks_contributions (tenant_id, beneficiary_id, period);
CREATE UNIQUE INDEX iks_contributions_receipt_idx ON iks_contributions (tenant_id, receipt_no);

ALTER TABLE iks_rules ENABLE ROW LEVEL SECURITY;
ALTER TABLE iks_rules FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON iks_rules
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
ALTER TABLE iks_contributions ENABLE ROW LEVEL SECURITY;
ALTER TABLE iks_contributions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON iks_contributions
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- +goose Down
DROP TABLE iks_contributions;
DROP TABLE iks_rules;
