-- +goose Up
-- The shared catalog of program templates (no tenant). A (key, version) row
-- never changes once a program has started from it; a changed template is a
-- new version. Activities and indicators are JSON text, read whole.
CREATE TABLE program_templates (
    key                text NOT NULL,
    version            integer NOT NULL CHECK (version >= 1),
    category           text NOT NULL,
    kube               boolean NOT NULL DEFAULT false,
    graduation_periods integer NOT NULL DEFAULT 0 CHECK (graduation_periods >= 0),
    name               text NOT NULL,
    name_en            text NOT NULL,
    description        text NOT NULL DEFAULT '',
    description_en     text NOT NULL DEFAULT '',
    activities         text NOT NULL,
    indicators         text NOT NULL,
    created_by         uuid REFERENCES users (id),
    created_at         timestamptz NOT NULL,
    PRIMARY KEY (key, version)
);

-- A tenant's program: a snapshot of the template version it started from
-- (or its own lists when made from scratch), so later template versions
-- never rewrite what a group ran.
CREATE TABLE programs (
    tenant_id          uuid NOT NULL REFERENCES tenants (id),
    id                 uuid NOT NULL,
    template_key       text,
    template_version   integer,
    name               text NOT NULL,
    category           text NOT NULL DEFAULT '',
    kube               boolean NOT NULL DEFAULT false,
    graduation_periods integer NOT NULL DEFAULT 0 CHECK (graduation_periods >= 0),
    description        text NOT NULL DEFAULT '',
    activities         text NOT NULL,
    indicators         text NOT NULL,
    status             text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
    starts_on          date NOT NULL,
    ends_on            date,
    created_by         uuid REFERENCES users (id),
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (template_key, template_version) REFERENCES program_templates (key, version)
);
CREATE INDEX programs_status_idx ON programs (tenant_id, status, starts_on);

CREATE TABLE program_activities (
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    id         uuid NOT NULL,
    program_id uuid NOT NULL,
    title      text NOT NULL,
    kind       text NOT NULL,
    held_on    date NOT NULL,
    notes      text NOT NULL DEFAULT '',
    created_by uuid REFERENCES users (id),
    created_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    -- lets attendance prove its activity belongs to the same program
    UNIQUE (tenant_id, program_id, id),
    FOREIGN KEY (tenant_id, program_id) REFERENCES programs (tenant_id, id)
);
CREATE INDEX program_activities_held_idx ON program_activities (tenant_id, program_id, held_on);
CREATE INDEX program_activities_recent_idx ON program_activities (tenant_id, held_on);

ALTER TABLE programs ENABLE ROW LEVEL SECURITY;
ALTER TABLE programs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON programs
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE program_activities ENABLE ROW LEVEL SECURITY;
ALTER TABLE program_activities FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON program_activities
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- +goose Down
DROP TABLE program_activities;
DROP TABLE programs;
DROP TABLE program_templates;
