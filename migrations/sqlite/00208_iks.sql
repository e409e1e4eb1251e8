-- +goose Up
CREATE TABLE iks_rules (
    tenant_id  TEXT PRIMARY KEY REFERENCES tenants (id),
    kind       TEXT NOT NULL CHECK (kind IN ('percent', 'fixed')),
    percent_bp INTEGER NOT NULL DEFAULT 0 CHECK (percent_bp BETWEEN 0 AND 10000),
    amount     INTEGER NOT NULL DEFAULT 0 CHECK (amount >= 0),
    updated_by TEXT REFERENCES users (id),
    updated_at DATETIME NOT NULL
);

CREATE TABLE iks_contributions (
    tenant_id      TEXT NOT NULL REFERENCES tenants (id),
    id             TEXT NOT NULL,
    beneficiary_id TEXT NOT NULL,
    period         TEXT NOT NULL,
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
CREATE UNIQUE INDEX iks_contributions_month_idx ON iks_contributions (tenant_id, beneficiary_id, period);
CREATE UNIQUE INDEX iks_contributions_receipt_idx ON iks_contributions (tenant_id, receipt_no);

-- +goose Down
DROP TABLE iks_contributions;
DROP TABLE iks_rules;
