-- +goose Up
-- A group's collaborators: government offices, businesses, NGOs,
-- universities, religious bodies. Contact fields name a person, so only
-- roles that read people see them.
CREATE TABLE partners (
    tenant_id          uuid NOT NULL REFERENCES tenants (id),
    id                 uuid NOT NULL,
    kind               text NOT NULL CHECK (kind IN ('government', 'business', 'ngo', 'university', 'religious', 'other')),
    name               text NOT NULL,
    contact_name       text NOT NULL DEFAULT '',
    contact_phone      text NOT NULL DEFAULT '',
    contact_email      text NOT NULL DEFAULT '',
    mou_starts_on      date,
    mou_ends_on        date,
    contribution       text NOT NULL DEFAULT '',
    contribution_value bigint CHECK (contribution_value >= 0),
    notes              text NOT NULL DEFAULT '',
    created_by         uuid REFERENCES users (id),
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX partners_name_idx ON partners (tenant_id, name, id);

ALTER TABLE partners ENABLE ROW LEVEL SECURITY;
ALTER TABLE partners FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON partners
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- +goose Down
DROP TABLE partners;
