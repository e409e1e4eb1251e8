-- +goose Up
CREATE TABLE journal_entries (
    tenant_id   TEXT NOT NULL REFERENCES tenants (id),
    id          TEXT NOT NULL,
    occurred_on TEXT NOT NULL,
    source      TEXT NOT NULL,
    source_id   TEXT,
    memo        TEXT NOT NULL DEFAULT '',
    reverses_id TEXT,
    created_by  TEXT REFERENCES users (id),
    created_at  DATETIME NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, reverses_id) REFERENCES journal_entries (tenant_id, id)
);
CREATE UNIQUE INDEX journal_entries_reverses_idx ON journal_entries (tenant_id, reverses_id);
CREATE INDEX journal_entries_source_idx ON journal_entries (tenant_id, source, source_id);
CREATE INDEX journal_entries_day_idx ON journal_entries (tenant_id, occurred_on, id);

CREATE TABLE journal_lines (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    entry_id  TEXT NOT NULL,
    line_no   INTEGER NOT NULL,
    account   TEXT NOT NULL,
    debit     INTEGER NOT NULL DEFAULT 0 CHECK (debit >= 0),
    credit    INTEGER NOT NULL DEFAULT 0 CHECK (credit >= 0),
    PRIMARY KEY (tenant_id, entry_id, line_no),
    FOREIGN KEY (tenant_id, entry_id) REFERENCES journal_entries (tenant_id, id),
    CHECK ((debit > 0) <> (credit > 0))
);
CREATE INDEX journal_lines_account_idx ON journal_lines (tenant_id, account);

-- +goose Down
DROP TABLE journal_lines;
DROP TABLE journal_entries;
