-- +goose Up
CREATE TABLE fund_receipt_numbers (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    series    TEXT NOT NULL,
    year      INTEGER NOT NULL,
    last      INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, series, year)
);

CREATE TABLE savings_transactions (
    tenant_id      TEXT NOT NULL REFERENCES tenants (id),
    id             TEXT NOT NULL,
    beneficiary_id TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('pokok', 'wajib', 'sukarela')),
    direction      TEXT NOT NULL CHECK (direction IN ('deposit', 'withdrawal')),
    amount_sealed  TEXT NOT NULL,
    key_version    INTEGER NOT NULL,
    paid_on        TEXT NOT NULL,
    receipt_no     TEXT NOT NULL,
    entry_id       TEXT NOT NULL,
    created_by     TEXT REFERENCES users (id),
    created_at     DATETIME NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, beneficiary_id) REFERENCES beneficiaries (tenant_id, id),
    FOREIGN KEY (tenant_id, entry_id) REFERENCES journal_entries (tenant_id, id)
);
CREATE UNIQUE INDEX savings_transactions_receipt_idx ON savings_transactions (tenant_id, receipt_no);
CREATE INDEX savings_transactions_member_idx ON savings_transactions (tenant_id, beneficiary_id, paid_on);

-- +goose Down
DROP TABLE savings_transactions;
DROP TABLE fund_receipt_numbers;
