-- +goose Up
-- Per-tenant data keys (DEKs) for personal fields, wrapped by the master key.
-- A destroyed key keeps its row (so records can say which key they used)
-- with the wrapped key emptied: crypto-shredding.
CREATE TABLE tenant_keys (
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    version      integer NOT NULL CHECK (version > 0),
    wrapped_key  bytea NOT NULL,
    created_at   timestamptz NOT NULL,
    destroyed_at timestamptz,
    PRIMARY KEY (tenant_id, version)
);

-- The people a group serves. *_sealed columns are AES-GCM ciphertexts
-- (base64) under the tenant key key_version; *_index are keyed hashes for
-- uniqueness and look-up. Everything else is non-identifying and kept in
-- clear for aggregates.
CREATE TABLE beneficiaries (
    tenant_id           uuid NOT NULL REFERENCES tenants (id),
    id                  uuid NOT NULL,
    name                text NOT NULL,
    key_version         integer NOT NULL DEFAULT 0,
    nik_sealed          text NOT NULL DEFAULT '',
    nik_index           text,
    kk_sealed           text NOT NULL DEFAULT '',
    kk_index            text,
    birth_date_sealed   text NOT NULL DEFAULT '',
    phone_sealed        text NOT NULL DEFAULT '',
    address_sealed      text NOT NULL DEFAULT '',
    income_sealed       text NOT NULL DEFAULT '',
    disability_sealed   text NOT NULL DEFAULT '',
    birth_year          integer,
    female              boolean NOT NULL DEFAULT true,
    village             text NOT NULL DEFAULT '',
    marital_status      text NOT NULL DEFAULT '',
    household_head      boolean NOT NULL DEFAULT false,
    dependents          integer NOT NULL DEFAULT 0 CHECK (dependents >= 0),
    education           text NOT NULL DEFAULT '',
    occupation          text NOT NULL DEFAULT '',
    consent_services    boolean NOT NULL DEFAULT false,
    consent_reporting   boolean NOT NULL DEFAULT false,
    consent_sharing     boolean NOT NULL DEFAULT false,
    consent_recorded_at timestamptz,
    consent_recorded_by uuid REFERENCES users (id),
    eligible_prse       boolean,
    created_by          uuid REFERENCES users (id),
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    deleted_at          timestamptz,
    erased_at           timestamptz,
    PRIMARY KEY (tenant_id, id)
);
-- A NIK is registered once per tenant among the records still in use.
CREATE UNIQUE INDEX beneficiaries_nik_idx ON beneficiaries (tenant_id, nik_index)
    WHERE nik_index IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX beneficiaries_kk_idx ON beneficiaries (tenant_id, kk_index) WHERE kk_index IS NOT NULL;
-- Lists walk this index in order: (name, id) paging of the records in use.
CREATE INDEX beneficiaries_name_idx ON beneficiaries (tenant_id, name, id) WHERE deleted_at IS NULL;
CREATE INDEX beneficiaries_key_idx ON beneficiaries (tenant_id, key_version);

-- Consent history: one row per change, never updated.
CREATE TABLE beneficiary_consents (
    tenant_id      uuid NOT NULL REFERENCES tenants (id),
    id             uuid NOT NULL,
    beneficiary_id uuid NOT NULL,
    purposes       text NOT NULL DEFAULT '',
    recorded_by    uuid REFERENCES users (id),
    recorded_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, beneficiary_id) REFERENCES beneficiaries (tenant_id, id)
);
CREATE INDEX beneficiary_consents_idx ON beneficiary_consents (tenant_id, beneficiary_id, recorded_at);

-- PRSE assessments: the facts and reasons (sealed: they reveal income and
-- health) and the computed result in clear for aggregates.
CREATE TABLE assessments (
    tenant_id      uuid NOT NULL REFERENCES tenants (id),
    id             uuid NOT NULL,
    beneficiary_id uuid NOT NULL,
    key_version    integer NOT NULL DEFAULT 0,
    facts_sealed   text NOT NULL DEFAULT '',
    age            integer,
    eligible_prse  boolean NOT NULL,
    assessed_on    date NOT NULL,
    assessed_by    uuid REFERENCES users (id),
    created_at     timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, beneficiary_id) REFERENCES beneficiaries (tenant_id, id)
);
CREATE INDEX assessments_beneficiary_idx ON assessments (tenant_id, beneficiary_id, created_at);

-- Who may count outside her tenant: reports beyond the group join this view.
CREATE VIEW reportable_beneficiaries WITH (security_barrier = true, security_invoker = true) AS
    SELECT tenant_id, id, birth_year, village, marital_status, household_head,
           dependents, education, eligible_prse, created_at
    FROM beneficiaries
    WHERE consent_reporting AND deleted_at IS NULL;

ALTER TABLE tenant_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_keys
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE beneficiaries ENABLE ROW LEVEL SECURITY;
ALTER TABLE beneficiaries FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON beneficiaries
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE beneficiary_consents ENABLE ROW LEVEL SECURITY;
ALTER TABLE beneficiary_consents FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON beneficiary_consents
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE assessments ENABLE ROW LEVEL SECURITY;
ALTER TABLE assessments FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON assessments
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- +goose Down
DROP VIEW reportable_beneficiaries;
DROP TABLE assessments;
DROP TABLE beneficiary_consents;
DROP TABLE beneficiaries;
DROP TABLE tenant_keys;
