-- +goose Up
-- Catalog tables (no tenant): regions and their minimum wages.
CREATE TABLE regions (
    code        text PRIMARY KEY,
    name        text NOT NULL,
    parent_code text REFERENCES regions (code),
    level       smallint NOT NULL
);
CREATE INDEX regions_parent_idx ON regions (parent_code);

CREATE TABLE region_wages (
    region_code text NOT NULL REFERENCES regions (code),
    year        integer NOT NULL,
    amount      bigint NOT NULL CHECK (amount > 0),
    PRIMARY KEY (region_code, year)
);

CREATE TABLE tenants (
    id           uuid PRIMARY KEY,
    slug         text NOT NULL UNIQUE,
    name         text NOT NULL,
    status       text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
    verified     boolean NOT NULL DEFAULT false,
    region_code  text NOT NULL REFERENCES regions (code),
    village      text NOT NULL DEFAULT '',
    district     text NOT NULL DEFAULT '',
    regency      text NOT NULL DEFAULT '',
    province     text NOT NULL DEFAULT '',
    story        text NOT NULL DEFAULT '',
    story_en     text NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);
CREATE INDEX tenants_region_idx ON tenants (region_code);

CREATE TABLE users (
    id                  uuid PRIMARY KEY,
    email               text NOT NULL UNIQUE,
    name                text NOT NULL,
    phone               text NOT NULL DEFAULT '',
    password_hash       text NOT NULL,
    locale              text NOT NULL DEFAULT '',
    disabled_at         timestamptz,
    password_changed_at timestamptz NOT NULL,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL
);

CREATE TABLE sessions (
    id           uuid PRIMARY KEY,
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash   text NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- casbin_rule is created here, not by gorm-adapter, so the schema is ours.
CREATE TABLE casbin_rule (
    id    bigserial PRIMARY KEY,
    ptype varchar(100) NOT NULL DEFAULT '',
    v0    varchar(100) NOT NULL DEFAULT '',
    v1    varchar(100) NOT NULL DEFAULT '',
    v2    varchar(100) NOT NULL DEFAULT '',
    v3    varchar(100) NOT NULL DEFAULT '',
    v4    varchar(100) NOT NULL DEFAULT '',
    v5    varchar(100) NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX idx_casbin_rule ON casbin_rule (ptype, v0, v1, v2, v3, v4, v5);
CREATE INDEX casbin_rule_domain_idx ON casbin_rule (ptype, v2);

-- Tenant tables: (tenant_id, id) keys, tenant-including foreign keys.
CREATE TABLE invitations (
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    id          uuid NOT NULL,
    email       text NOT NULL,
    role        text NOT NULL,
    token_hash  text NOT NULL,
    invited_by  uuid NOT NULL REFERENCES users (id),
    expires_at  timestamptz NOT NULL,
    accepted_at timestamptz,
    accepted_by uuid REFERENCES users (id),
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, token_hash)
);

CREATE TABLE audit_events (
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    id         uuid NOT NULL,
    actor_id   uuid REFERENCES users (id),
    action     text NOT NULL,
    entity     text NOT NULL,
    entity_id  text NOT NULL DEFAULT '',
    fields     text NOT NULL DEFAULT '',
    request_id text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX audit_events_time_idx ON audit_events (tenant_id, created_at DESC);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, created_at);

-- Row-level security: the second wall under the app's own tenant filters.
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invitations
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_events
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- +goose Down
DROP TABLE audit_events;
DROP TABLE invitations;
DROP TABLE casbin_rule;
DROP TABLE sessions;
DROP TABLE users;
DROP TABLE tenants;
DROP TABLE region_wages;
DROP TABLE regions;
