-- +goose Up
CREATE TABLE program_templates (
    key                TEXT NOT NULL,
    version            INTEGER NOT NULL CHECK (version >= 1),
    category           TEXT NOT NULL,
    kube               BOOLEAN NOT NULL DEFAULT 0,
    graduation_periods INTEGER NOT NULL DEFAULT 0 CHECK (graduation_periods >= 0),
    name               TEXT NOT NULL,
    name_en            TEXT NOT NULL,
    description        TEXT NOT NULL DEFAULT '',
    description_en     TEXT NOT NULL DEFAULT '',
    activities         TEXT NOT NULL,
    indicators         TEXT NOT NULL,
    created_by         TEXT REFERENCES users (id),
    created_at         DATETIME NOT NULL,
    PRIMARY KEY (key, version)
);

CREATE TABLE programs (
    tenant_id          TEXT NOT NULL REFERENCES tenants (id),
    id                 TEXT NOT NULL,
    template_key       TEXT,
    template_version   INTEGER,
    name               TEXT NOT NULL,
    category           TEXT NOT NULL DEFAULT '',
    kube               BOOLEAN NOT NULL DEFAULT 0,
    graduation_periods INTEGER NOT NULL DEFAULT 0 CHECK (graduation_periods >= 0),
    description        TEXT NOT NULL DEFAULT '',
    activities         TEXT NOT NULL,
    indicators         TEXT NOT NULL,
    status             TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
    starts_on          TEXT NOT NULL,
    ends_on            TEXT,
    created_by         TEXT REFERENCES users (id),
    created_at         DATETIME NOT NULL,
    updated_at         DATETIME NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (template_key, template_version) REFERENCES program_templates (key, version)
);
CREATE INDEX programs_status_idx ON programs (tenant_id, status, starts_on);

CREATE TABLE program_activities (
    tenant_id  TEXT NOT NULL REFERENCES tenants (id),
    id         TEXT NOT NULL,
    program_id TEXT NOT NULL,
    title      TEXT NOT NULL,
    kind       TEXT NOT NULL,
    held_on    TEXT NOT NULL,
    notes      TEXT NOT NULL DEFAULT '',
    created_by TEXT REFERENCES users (id),
    created_at DATETIME NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, program_id, id),
    FOREIGN KEY (tenant_id, program_id) REFERENCES programs (tenant_id, id)
);
CREATE INDEX program_activities_held_idx ON program_activities (tenant_id, program_id, held_on);
CREATE INDEX program_activities_recent_idx ON program_activities (tenant_id, held_on);

-- +goose Down
DROP TABLE program_activities;
DROP TABLE programs;
DROP TABLE program_templates;
