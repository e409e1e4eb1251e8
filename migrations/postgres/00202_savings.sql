-- +goose Up
-- Receipt numbers per group, series (savings, loans …) and year, handed
-- out one at a time inside the transaction that issues the receipt.
CREATE TABLE fund_receipt_numbers (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    series    text NOT NULL,
    year      integer NOT NULL,
    last      integer NOT NULL,
    PRIMARY KEY (tenant_id, series, year)
);

-- Members' savings deposits and withdrawals (simpanan pokok, wajib,
-- sukarela). The amount is personal: sealed with the tenant's data key.
-- entry_id is the journal entry that moved the group's cash.
CREATE TABLE savings_transactions (
    tenant_id      uuid NOT NULL REFERENCES tenants (id),
    id             uuid NOT NULL,
    beneficiary_id uuid NOT NULL,
    kind           text NOT NULL CHECK (kind IN ('pokok', 'wajib', 'sukarela')),
    direction      text NOT NULL CHECK (direction IN ('deposit', 'withdrawal')),
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
CREATE UNIQUE INDEX savings_transactions_receipt_idx ON savings_transactions (tenant_id, receipt_no);
CREATE INDEX savings_transactions_member_idx ON savings_transactions (tenant_id, beneficiary_id, paid_on);

ALTER TABLE fund_receipt_numbers ENABLE ROW LEVEL SECURITY;
ALTER TABLE fund_receipt_numbers FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON fund_receipt_numbers
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
ALTER TABLE savings_transactions ENABLE ROW LEVEL SECURITY;
ALTER TABLE savings_transactions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON savings_transactions
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- +goose Down
DROP TABLE savings_transactions;
DROP TABLE fund_receipt_numbers;
