-- +goose Up
-- Per-tenant data keys (DEKs) for personal fields, wrapped by the master key.
-- A destroyed key keeps its row (so records can say which key they used)
-- with the wrapped key emptied: crypto-shredding.
CREATE TABLE tenant_keys (
    tenant_id    TEXT NOT NULL REFERENCES tenants (id),
    version      INTEGER NOT NULL CHECK (version > 0),
    wrapped_key  BLOB NOT NULL,
    created_at   DATETIME NOT NULL,
    destroyed_at DATETIME,
    PRIMARY KEY (tenant_id, version)
);

-- The people a group serves. *_sealed columns are AES-GCM ciphertexts
-- (base64) under the tenant key key_version; *_index are keyed hashes for
-- uniqueness and look-up. Everything else is non-identifying and kept in
-- clear for aggregates.
CREATE TABLE beneficiaries (
    tenant_id           TEXT NOT NULL REFERENCES tenants (id),
    id                  TEXT NOT NULL,
    name                TEXT NOT NULL,
    key_version         INTEGER NOT NULL DEFAULT 0,
    nik_sealed          TEXT NOT NULL DEFAULT '',
    nik_index           TEXT,
    kk_sealed           TEXT NOT NULL DEFAULT '',
    kk_index            TEXT,
    birth_date_sealed   TEXT NOT NULL DEFAULT '',
    phone_sealed        TEXT NOT NULL DEFAULT '',
    address_sealed      TEXT NOT NULL DEFAULT '',
    income_sealed       TEXT NOT NULL DEFAULT '',
    disability_sealed   TEXT NOT NULL DEFAULT '',
    birth_year          INTEGER,
    female              BOOLEAN NOT NULL DEFAULT 1,
    village             TEXT NOT NULL DEFAULT '',
    marital_status      TEXT NOT NULL DEFAULT '',
    household_head      BOOLEAN NOT NULL DEFAULT 0,
    dependents          INTEGER NOT NULL DEFAULT 0 CHECK (dependents >= 0),
    education           TEXT NOT NULL DEFAULT '',
    occupation          TEXT NOT NULL DEFAULT '',
    consent_services    BOOLEAN NOT NULL DEFAULT 0,
    consent_reporting   BOOLEAN NOT NULL DEFAULT 0,
    consent_sharing     BOOLEAN NOT NULL DEFAULT 0,
    consent_recorded_at DATETIME,
    consent_recorded_by TEXT REFERENCES users (id),
    eligible_prse       BOOLEAN,
    created_by          TEXT REFERENCES users (id),
    created_at          DATETIME NOT NULL,
    updated_at          DATETIME NOT NULL,
    deleted_at          DATETIME,
    erased_at           DATETIME,
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
    tenant_id      TEXT NOT NULL REFERENCES tenants (id),
    id             TEXT NOT NULL,
    beneficiary_id TEXT NOT NULL,
    purposes       TEXT NOT NULL DEFAULT '',
    recorded_by    TEXT REFERENCES users (id),
    recorded_at    DATETIME NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, beneficiary_id) REFERENCES beneficiaries (tenant_id, id)
);
CREATE INDEX beneficiary_consents_idx ON beneficiary_consents (tenant_id, beneficiary_id, recorded_at);

-- PRSE assessments: the facts and reasons (sealed: they reveal income and
-- health) and the computed result in clear for aggregates.
CREATE TABLE assessments (
    tenant_id      TEXT NOT NULL REFERENCES tenants (id),
    id             TEXT NOT NULL,
    beneficiary_id TEXT NOT NULL,
    key_version    INTEGER NOT NULL DEFAULT 0,
    facts_sealed   TEXT NOT NULL DEFAULT '',
    age            INTEGER,
    eligible_prse  BOOLEAN NOT NULL,
    assessed_on    TEXT NOT NULL,
    assessed_by    TEXT REFERENCES users (id),
    created_at     DATETIME NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, beneficiary_id) REFERENCES beneficiaries (tenant_id, id)
);
CREATE INDEX assessments_beneficiary_idx ON assessments (tenant_id, beneficiary_id, created_at);

-- Who may count outside her tenant: reports beyond the group join this view.
CREATE VIEW reportable_beneficiaries AS
    SELECT tenant_id, id, birth_year, village, marital_status, household_head,
           dependents, education, eligible_prse, created_at
    FROM beneficiaries
    WHERE consent_reporting = 1 AND deleted_at IS NULL;

-- +goose Down
DROP VIEW reportable_beneficiaries;
DROP TABLE assessments;
DROP TABLE beneficiary_consents;
DROP TABLE beneficiaries;
DROP TABLE tenant_keys;
