-- +goose Up
-- The kinds of productive enterprises members run, provisioned from the
-- tenants directory (shared by every group, like program templates).
CREATE TABLE enterprise_kinds (
    key     text PRIMARY KEY,
    name_id text NOT NULL,
    name_en text NOT NULL
);

-- A member's enterprise (usaha ekonomi produktif).
CREATE TABLE enterprises (
    tenant_id      uuid NOT NULL REFERENCES tenants (id),
    id             uuid NOT NULL,
    beneficiary_id uuid NOT NULL,
    kind           text NOT NULL REFERENCES enterprise_kinds (key),
    name           text NOT NULL,
    started_on     date NOT NULL,
    location       text NOT NULL DEFAULT '',
    workers        text NOT NULL DEFAULT '',
    created_by     uuid REFERENCES users (id),
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, beneficiary_id) REFERENCES beneficiaries (tenant_id, id)
);
CREATE INDEX enterprises_beneficiary_idx ON enterprises (tenant_id, beneficiary_id, started_on);

-- An enterprise's book for one month. Its figures (sales, costs, stock,
-- days worked) are a member's income: sealed with the tenant's data key.
CREATE TABLE enterprise_books (
    tenant_id      uuid NOT NULL REFERENCES tenants (id),
    enterprise_id  uuid NOT NULL,
    period         text NOT NULL CHECK (period ~ '^[0-9]{4}-[0-9]{2}$'),
    figures_sealed text NOT NULL,
    key_version    integer NOT NULL,
    recorded_by    uuid REFERENCES users (id),
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, enterprise_id, period),
    FOREIGN KEY (tenant_id, enterprise_id) REFERENCES enterprises (tenant_id, id)
);

ALTER TABLE enterprises ENABLE ROW LEVEL SECURITY;
ALTER TABLE enterprises FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON enterprises
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
ALTER TABLE enterprise_books ENABLE ROW LEVEL SECURITY;
ALTER TABLE enterprise_books FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON enterprise_books
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- +goose Down
DROP TABLE enterprise_books;
DROP TABLE enterprises;
DROP TABLE enterprise_kinds;
