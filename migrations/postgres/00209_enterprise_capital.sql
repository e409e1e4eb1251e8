-- +goose Up
-- Capital assistance (bantuan modal / stimulan) to a member's enterprise:
-- a grant or goods in kind, paid out of the group's ledger. Each links the
-- ledger's expense entry to the enterprise, so an earmark can be followed
-- to enterprises; the amount a member received is hers: sealed.
CREATE TABLE enterprise_capital (
    tenant_id       uuid NOT NULL REFERENCES tenants (id),
    id              uuid NOT NULL,
    enterprise_id   uuid NOT NULL,
    ledger_entry_id uuid NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('grant', 'in_kind')),
    source          text NOT NULL CHECK (source IN ('donation', 'partner', 'government', 'other')),
    amount_sealed   text NOT NULL,
    key_version     integer NOT NULL,
    given_on        date NOT NULL,
    note            text NOT NULL DEFAULT '',
    created_by      uuid REFERENCES users (id),
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, enterprise_id) REFERENCES enterprises (tenant_id, id),
    FOREIGN KEY (tenant_id, ledger_entry_id) REFERENCES ledger_entries (tenant_id, id)
);
CREATE INDEX enterprise_capital_enterprise_idx ON enterprise_capital (tenant_id, enterprise_id, given_on);
CREATE INDEX enterprise_capital_entry_idx ON enterprise_capital (tenant_id, ledger_entry_id);

ALTER TABLE enterprise_capital ENABLE ROW LEVEL SECURITY;
ALTER TABLE enterprise_capital FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON enterprise_capital
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- +goose Down
DROP TABLE enterprise_capital;
