-- +goose Up
CREATE TABLE regions (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    parent_code TEXT REFERENCES regions (code),
    level       INTEGER NOT NULL
);
CREATE INDEX regions_parent_idx ON regions (parent_code);

CREATE TABLE region_wages (
    region_code TEXT NOT NULL REFERENCES regions (code),
    year        INTEGER NOT NULL,
    amount      INTEGER NOT NULL CHECK (amount > 0),
    PRIMARY KEY (region_code, year)
);

CREATE TABLE tenants (
    id           TEXT PRIMARY KEY,
    slug         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
    verified     BOOLEAN NOT NULL DEFAULT 0,
    region_code  TEXT NOT NULL REFERENCES regions (code),
    village      TEXT NOT NULL DEFAULT '',
    district     TEXT NOT NULL DEFAULT '',
    regency      TEXT NOT NULL DEFAULT '',
    province     TEXT NOT NULL DEFAULT '',
    story        TEXT NOT NULL DEFAULT '',
    story_en     TEXT NOT NULL DEFAULT '',
    created_at   DATETIME NOT NULL,
    updated_at   DATETIME NOT NULL
);
CREATE INDEX tenants_region_idx ON tenants (region_code);

CREATE TABLE users (
    id                  TEXT PRIMARY KEY,
    email               TEXT NOT NULL UNIQUE,
    name                TEXT NOT NULL,
    phone               TEXT NOT NULL DEFAULT '',
    password_hash       TEXT NOT NULL,
    locale              TEXT NOT NULL DEFAULT '',
    disabled_at         DATETIME,
    password_changed_at DATETIME NOT NULL,
    created_at          DATETIME NOT NULL,
    updated_at          DATETIME NOT NULL
);

CREATE TABLE sessions (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   DATETIME NOT NULL,
    last_seen_at DATETIME NOT NULL,
    expires_at   DATETIME NOT NULL,
    revoked_at   DATETIME
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE casbin_rule (
    id    INTEGER PRIMARY KEY AUTOINCREMENT,
    ptype TEXT NOT NULL DEFAULT '',
    v0    TEXT NOT NULL DEFAULT '',
    v1    TEXT NOT NULL DEFAULT '',
    v2    TEXT NOT NULL DEFAULT '',
    v3    TEXT NOT NULL DEFAULT '',
    v4    TEXT NOT NULL DEFAULT '',
    v5    TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX idx_casbin_rule ON casbin_rule (ptype, v0, v1, v2, v3, v4, v5);
CREATE INDEX casbin_rule_domain_idx ON casbin_rule (ptype, v2);

CREATE TABLE invitations (
    tenant_id   TEXT NOT NULL REFERENCES tenants (id),
    id          TEXT NOT NULL,
    email       TEXT NOT NULL,
    role        TEXT NOT NULL,
    token_hash  TEXT NOT NULL,
    invited_by  TEXT NOT NULL REFERENCES users (id),
    expires_at  DATETIME NOT NULL,
    accepted_at DATETIME,
    accepted_by TEXT REFERENCES users (id),
    created_at  DATETIME NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, token_hash)
);

CREATE TABLE audit_events (
    tenant_id  TEXT NOT NULL REFERENCES tenants (id),
    id         TEXT NOT NULL,
    actor_id   TEXT REFERENCES users (id),
    action     TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  TEXT NOT NULL DEFAULT '',
    fields     TEXT NOT NULL DEFAULT '',
    request_id TEXT NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX audit_events_time_idx ON audit_events (tenant_id, created_at DESC);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, created_at);

-- +goose Down
DROP TABLE audit_events;
DROP TABLE invitations;
DROP TABLE casbin_rule;
DROP TABLE sessions;
DROP TABLE users;
DROP TABLE tenants;
DROP TABLE region_wages;
DROP TABLE regions;
