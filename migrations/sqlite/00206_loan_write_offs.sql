-- +goose Up
CREATE TABLE loan_write_offs (
    tenant_id     TEXT NOT NULL REFERENCES tenants (id),
    loan_id       TEXT NOT NULL,
    note          TEXT NOT NULL,
    requested_by  TEXT NOT NULL REFERENCES users (id),
    requested_at  DATETIME NOT NULL,
    approved_by   TEXT REFERENCES users (id),
    approved_at   DATETIME,
    amount_sealed TEXT NOT NULL DEFAULT '',
    key_version   INTEGER NOT NULL DEFAULT 0,
    entry_id      TEXT,
    PRIMARY KEY (tenant_id, loan_id),
    FOREIGN KEY (tenant_id, loan_id) REFERENCES loans (tenant_id, id),
    FOREIGN KEY (tenant_id, entry_id) REFERENCES journal_entries (tenant_id, id),
    CHECK (approved_by IS NULL OR approved_by <> requested_by)
);

-- +goose Down
DROP TABLE loan_write_offs;
