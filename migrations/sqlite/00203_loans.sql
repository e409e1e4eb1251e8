-- +goose Up
CREATE TABLE loans (
    tenant_id        TEXT NOT NULL REFERENCES tenants (id),
    id               TEXT NOT NULL,
    beneficiary_id   TEXT NOT NULL,
    principal_sealed TEXT NOT NULL,
    key_version      INTEGER NOT NULL,
    fee_bp           INTEGER NOT NULL CHECK (fee_bp >= 0 AND fee_bp <= 1000),
    term_months      INTEGER NOT NULL CHECK (term_months BETWEEN 1 AND 60),
    method           TEXT NOT NULL CHECK (method IN ('flat', 'declining')),
    disbursed_on     TEXT NOT NULL,
    receipt_no       TEXT NOT NULL,
    entry_id         TEXT NOT NULL,
    created_by       TEXT REFERENCES users (id),
    created_at       DATETIME NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, beneficiary_id) REFERENCES beneficiaries (tenant_id, id),
    FOREIGN KEY (tenant_id, entry_id) REFERENCES journal_entries (tenant_id, id)
);
CREATE INDEX loans_member_idx ON loans (tenant_id, beneficiary_id, disbursed_on);
CREATE UNIQUE INDEX loans_receipt_idx ON loans (tenant_id, receipt_no);

CREATE TABLE loan_repayments (
    tenant_id     TEXT NOT NULL REFERENCES tenants (id),
    id            TEXT NOT NULL,
    loan_id       TEXT NOT NULL,
    amount_sealed TEXT NOT NULL,
    key_version   INTEGER NOT NULL,
    paid_on       TEXT NOT NULL,
    receipt_no    TEXT NOT NULL,
    entry_id      TEXT NOT NULL,
    created_by    TEXT REFERENCES users (id),
    created_at    DATETIME NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, loan_id) REFERENCES loans (tenant_id, id),
    FOREIGN KEY (tenant_id, entry_id) REFERENCES journal_entries (tenant_id, id)
);
CREATE INDEX loan_repayments_loan_idx ON loan_repayments (tenant_id, loan_id, paid_on);
CREATE UNIQUE INDEX loan_repayments_receipt_idx ON loan_repayments (tenant_id, receipt_no);

-- +goose Down
DROP TABLE loan_repayments;
DROP TABLE loans;
