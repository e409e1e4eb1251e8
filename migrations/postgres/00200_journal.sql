-- +goose Up
-- A group's double-entry book. Entries are append-only (the serving role
-- may only insert and read them); a mistake is undone by an entry that
-- reverses it, at most once.
CREATE TABLE journal_entries (
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    id          uuid NOT NULL,
    occurred_on date NOT NULL,
    source      text NOT NULL,
    source_id   uuid,
    memo        text NOT NULL DEFAULT '',
    reverses_id uuid,
    created_by  uuid REFERENCES users (id),
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, reverses_id) REFERENCES journal_entries (tenant_id, id)
);
CREATE UNIQUE INDEX journal_entries_reverses_idx ON journal_entries (tenant_id, reverses_id);
CREATE INDEX journal_entries_source_idx ON journal_entries (tenant_id, source, source_id);
CREATE INDEX journal_entries_day_idx ON journal_entries (tenant_id, occurred_on, id);

CREATE TABLE journal_lines (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    entry_id  uuid NOT NULL,
    line_no   integer NOT NULL,
    account   text NOT NULL,
    debit     bigint NOT NULL DEFAULT 0 CHECK (debit >= 0),
    credit    bigint NOT NULL DEFAULT 0 CHECK (credit >= 0),
    PRIMARY KEY (tenant_id, entry_id, line_no),
    FOREIGN KEY (tenant_id, entry_id) REFERENCES journal_entries (tenant_id, id),
    CHECK ((debit > 0) <> (credit > 0))
);
CREATE INDEX journal_lines_account_idx ON journal_lines (tenant_id, account);

ALTER TABLE journal_entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE journal_entries FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON journal_entries
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
ALTER TABLE journal_lines ENABLE ROW LEVEL SECURITY;
ALTER TABLE journal_lines FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON journal_lines
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- +goose Down
DROP TABLE journal_lines;
DROP TABLE journal_entries;
