-- +goose Up
CREATE TABLE partners (
    tenant_id          TEXT NOT NULL REFERENCES tenants (id),
    id                 TEXT NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('government', 'business', 'ngo', 'university', 'religious', 'other')),
    name               TEXT NOT NULL,
    contact_name       TEXT NOT NULL DEFAULT '',
    contact_phone      TEXT NOT NULL DEFAULT '',
    contact_email      TEXT NOT NULL DEFAULT '',
    mou_starts_on      TEXT,
    mou_ends_on        TEXT,
    contribution       TEXT NOT NULL DEFAULT '',
    contribution_value INTEGER CHECK (contribution_value >= 0),
    notes              TEXT NOT NULL DEFAULT '',
    created_by         TEXT REFERENCES users (id),
    created_at         DATETIME NOT NULL,
    updated_at         DATETIME NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX partners_name_idx ON partners (tenant_id, name, id);

-- +goose Down
DROP TABLE partners;
