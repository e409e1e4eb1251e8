-- +goose Up
-- Loans from the group fund to members. The principal and every repayment
-- are personal amounts: sealed with the tenant's data key. The schedule is
-- computed from the terms, never stored. entry_id is the journal entry
-- that moved the group's cash.
CREATE TABLE loans (
    tenant_id        uuid NOT NULL REFERENCES tenants (id),
    id               uuid NOT NULL,
    beneficiary_id   uuid NOT NULL,
    principal_sealed text NOT NULL,
    key_version      integer NOT NULL,
    fee_bp           integer NOT NULL CHECK (fee_bp >= 0 AND fee_bp <= 1000),
    term_months      integer NOT NULL CHECK (term_months BETWEEN 1 AND 60),
    method           text NOT NULL CHECK (method IN ('flat', 'declining')),
    disbursed_on     date NOT NULL,
    receipt_no       text NOT NULL,
    entry_id         uuid NOT NULL,
    created_by       uuid REFERENCES users (id),
    created_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, beneficiary_id) REFERENCES beneficiaries (tenant_id, id),
    FOREIGN KEY (tenant_id, entry_id) REFERENCES journal_entries (tenant_id, id)
);
CREATE INDEX loans_member_idx ON loans (tenant_id, beneficiary_id, disbursed_on);
CREATE UNIQUE INDEX loans_receipt_idx ON loans (tenant_id, receipt_no);

CREATE TABLE loan_repayments (
    tenant_id     uuid NOT NULL REFERENCES tenants (id),
    id            uuid NOT NULL,
    loan_id       uuid NOT NULL,
    amount_sealed text NOT NULL,
    key_version   integer NOT NULL,
    paid_on       date NOT NULL,
    receipt_no    text NOT NULL,
    entry_id      uuid NOT NULL,
    created_by    uuid REFERENCES users (id),
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, loan_id) REFERENCES loans (tenant_id, id),
    FOREIGN KEY (tenant_id, entry_id) REFERENCES journal_entries (tenant_id, id)
);
CREATE INDEX loan_repayments_loan_idx ON loan_repayments (tenant_id, loan_id, paid_on);
CREATE UNIQUE INDEX loan_repayments_receipt_idx ON loan_repayments (tenant_id, receipt_no);

ALTER TABLE loans ENABLE ROW LEVEL SECURITY;
ALTER TABLE loans FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON loans
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
ALTER TABLE loan_repayments ENABLE ROW LEVEL SECURITY;
ALTER TABLE loan_repayments FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON loan_repayments
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- +goose Down
DROP TABLE loan_repayments;
DROP TABLE loans;
