-- +goose Up
CREATE TABLE enterprise_kinds (
    key     TEXT PRIMARY KEY,
    name_id TEXT NOT NULL,
    name_en TEXT NOT NULL
);

CREATE TABLE enterprises (
    tenant_id      TEXT NOT NULL REFERENCES tenants (id),
    id             TEXT NOT NULL,
    beneficiary_id TEXT NOT NULL,
    kind           TEXT NOT NULL REFERENCES enterprise_kinds (key),
    name           TEXT NOT NULL,
    started_on     TEXT NOT NULL,
    location       TEXT NOT NULL DEFAULT '',
    workers        TEXT NOT NULL DEFAULT '',
    created_by     TEXT REFERENCES users (id),
    created_at     DATETIME NOT NULL,
    updated_at     DATETIME NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, beneficiary_id) REFERENCES beneficiaries (tenant_id, id)
);
CREATE INDEX enterprises_beneficiary_idx ON enterprises (tenant_id, beneficiary_id, started_on);

CREATE TABLE enterprise_books (
    tenant_id      TEXT NOT NULL REFERENCES tenants (id),
    enterprise_id  TEXT NOT NULL,
    period         TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
    figures_sealed TEXT NOT NULL,
    key_version    INTEGER NOT NULL,
    recorded_by    TEXT REFERENCES users (id),
    created_at     DATETIME NOT NULL,
    updated_at     DATETIME NOT NULL,
    PRIMARY KEY (tenant_id, enterprise_id, period),
    FOREIGN KEY (tenant_id, enterprise_id) REFERENCES enterprises (tenant_id, id)
);

-- +goose Down
DROP TABLE enterprise_books;
DROP TABLE enterprises;
DROP TABLE enterprise_kinds;
