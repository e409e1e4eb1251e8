-- +goose Up
-- Writing a loan off takes two people: one asks (with a note), another
-- approves; only the approval moves the outstanding principal from loans
-- receivable to losses in the journal. The amount written off is the
-- borrower's: sealed.
CREATE TABLE loan_write_offs (
    tenant_id     uuid NOT NULL REFERENCES tenants (id),
    loan_id       uuid NOT NULL,
    note          text NOT NULL,
    requested_by  uuid NOT NULL REFERENCES users (id),
    requested_at  timestamptz NOT NULL,
    approved_by   uuid REFERENCES users (id),
    approved_at   timestamptz,
    amount_sealed text NOT NULL DEFAULT '',
    key_version   integer NOT NULL DEFAULT 0,
    entry_id      uuid,
    PRIMARY KEY (tenant_id, loan_id),
    FOREIGN KEY (tenant_id, loan_id) REFERENCES loans (tenant_id, id),
    FOREIGN KEY (tenant_id, entry_id) REFERENCES journal_entries (tenant_id, id),
    CHECK (approved_by IS NULL OR approved_by <> requested_by)
);

ALTER TABLE loan_write_offs ENABLE ROW LEVEL SECURITY;
ALTER TABLE loan_write_offs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON loan_write_offs
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- +goose Down
DROP TABLE loan_write_offs;
