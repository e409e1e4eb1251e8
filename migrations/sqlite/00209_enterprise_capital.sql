-- +goose Up
CREATE TABLE enterprise_capital (
    tenant_id       TEXT NOT NULL REFERENCES tenants (id),
    id              TEXT NOT NULL,
    enterprise_id   TEXT NOT NULL,
    ledger_entry_id TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('grant', 'in_kind')),
    source          TEXT NOT NULL CHECK (source IN ('donation', 'partner', 'government', 'other')),
    amount_sealed   TEXT NOT NULL,
    key_version     INTEGER NOT NULL,
    given_on        TEXT NOT NULL,
    note            TEXT NOT NULL DEFAULT '',
    created_by      TEXT REFERENCES users (id),
    created_at      DATETIME NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, enterprise_id) REFERENCES enterprises (tenant_id, id),
    FOREIGN KEY (tenant_id, ledger_entry_id) REFERENCES ledger_entries (tenant_id, id)
);
CREATE INDEX enterprise_capital_enterprise_idx ON enterprise_capital (tenant_id, enterprise_id, given_on);
CREATE INDEX enterprise_capital_entry_idx ON enterprise_capital (tenant_id, ledger_entry_id);

-- +goose Down
DROP TABLE enterprise_capital;
