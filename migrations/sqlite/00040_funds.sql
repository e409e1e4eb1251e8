-- +goose Up
-- Donation hosts (no tenant): legal entities with a public-fundraising
-- permit that receive online donations for groups. A host with its own
-- Stripe keys keeps them sealed (envelope encryption under the operator
-- secret); the platform host uses PEDULI_STRIPE_SECRET_KEY.
CREATE TABLE hosts (
    key                   TEXT PRIMARY KEY,
    name                  TEXT NOT NULL,
    is_default            BOOLEAN NOT NULL DEFAULT 0,
    stripe_account        TEXT NOT NULL DEFAULT 'platform',
    permit_number         TEXT NOT NULL,
    permit_area           TEXT NOT NULL,
    valid_from            TEXT NOT NULL,
    valid_until           TEXT NOT NULL,
    stripe_key_wrapped    BLOB,
    stripe_secret_sealed  TEXT NOT NULL DEFAULT '',
    webhook_secret_sealed TEXT NOT NULL DEFAULT '',
    created_at            DATETIME NOT NULL,
    updated_at            DATETIME NOT NULL,
    CHECK (valid_until >= valid_from)
);
CREATE UNIQUE INDEX hosts_one_default_idx ON hosts (is_default) WHERE is_default;

-- Which host receives a group's online donations; a group without a row
-- uses the default host.
CREATE TABLE group_hosts (
    tenant_id   TEXT PRIMARY KEY REFERENCES tenants (id),
    host_key    TEXT NOT NULL REFERENCES hosts (key),
    attached_by TEXT REFERENCES users (id),
    attached_at DATETIME NOT NULL
);
CREATE INDEX group_hosts_host_idx ON group_hosts (host_key);

-- The narrow cross-tenant index the Stripe webhook and receipt links need:
-- an opaque reference (donation id, Checkout Session, subscription, payment
-- intent, receipt-token hash) to the tenant that owns the donation. It holds
-- no personal data; all work on the donation then runs in that tenant's
-- row-level-security scope, where a wrong route finds nothing.
CREATE TABLE donation_routes (
    ref         TEXT PRIMARY KEY,
    tenant_id   TEXT NOT NULL REFERENCES tenants (id),
    donation_id TEXT NOT NULL,
    created_at  DATETIME NOT NULL
);

-- Every Stripe event (and every reconciliation fix) processed, written in
-- the same transaction as its effects, so a replay finds its id and does
-- nothing. Append-only.
CREATE TABLE stripe_events (
    id          TEXT PRIMARY KEY,
    type        TEXT NOT NULL,
    tenant_id   TEXT REFERENCES tenants (id),
    outcome     TEXT NOT NULL,
    received_at DATETIME NOT NULL
);

-- Gap-free receipt numbers: one counter row per series (a host, or a group
-- for hand-recorded gifts) and year, bumped inside the transaction that
-- uses the number.
CREATE TABLE receipt_counters (
    series TEXT NOT NULL,
    year   INTEGER NOT NULL,
    last_number INTEGER NOT NULL,
    PRIMARY KEY (series, year)
);

-- Tenant tables.
CREATE TABLE donations (
    tenant_id          TEXT NOT NULL REFERENCES tenants (id),
    id                 TEXT NOT NULL,
    parent_id          TEXT,
    channel            TEXT NOT NULL CHECK (channel IN ('online', 'cash', 'transfer', 'in_kind')),
    frequency          TEXT NOT NULL DEFAULT 'once' CHECK (frequency IN ('once', 'month')),
    status             TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'refunded', 'active')),
    amount             INTEGER NOT NULL CHECK (amount > 0),
    currency           TEXT NOT NULL,
    program_id         TEXT,
    host_key           TEXT REFERENCES hosts (key),
    donor_name         TEXT NOT NULL DEFAULT '',
    donor_email        TEXT NOT NULL DEFAULT '',
    anonymous          BOOLEAN NOT NULL DEFAULT 0,
    show_name          BOOLEAN NOT NULL DEFAULT 0,
    locale             TEXT NOT NULL DEFAULT 'id',
    description        TEXT NOT NULL DEFAULT '',
    received_on        TEXT,
    checkout_session_id TEXT NOT NULL DEFAULT '',
    subscription_id    TEXT NOT NULL DEFAULT '',
    payment_intent_id  TEXT NOT NULL DEFAULT '',
    invoice_id         TEXT NOT NULL DEFAULT '',
    refunded_amount    INTEGER NOT NULL DEFAULT 0,
    receipt_number     TEXT NOT NULL DEFAULT '',
    receipt_token_hash TEXT NOT NULL DEFAULT '',
    recorded_by        TEXT REFERENCES users (id),
    succeeded_at       DATETIME,
    created_at         DATETIME NOT NULL,
    updated_at         DATETIME NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, parent_id) REFERENCES donations (tenant_id, id)
);
CREATE INDEX donations_time_idx ON donations (tenant_id, created_at DESC);
CREATE INDEX donations_status_idx ON donations (tenant_id, status, created_at);
CREATE UNIQUE INDEX donations_invoice_idx ON donations (tenant_id, invoice_id) WHERE invoice_id <> '';
CREATE INDEX donations_email_idx ON donations (tenant_id, donor_email);

-- Every money movement, append-only. Income is money in, expense money out;
-- a correction or refund is a new row with the same kind and the negated
-- amount that names the row it reverses. source_key makes an automatic
-- entry (a gift, a refund) unique, whichever path writes it first.
CREATE TABLE ledger_entries (
    tenant_id     TEXT NOT NULL REFERENCES tenants (id),
    id            TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('income', 'expense')),
    source        TEXT NOT NULL,
    amount        INTEGER NOT NULL CHECK (amount <> 0),
    currency      TEXT NOT NULL,
    category      TEXT NOT NULL DEFAULT '',
    program_id    TEXT,
    occurred_on   TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    donation_id   TEXT,
    reverses_id   TEXT,
    source_key    TEXT,
    needs_approval BOOLEAN NOT NULL DEFAULT 0,
    receipt_file  TEXT NOT NULL DEFAULT '',
    receipt_type  TEXT NOT NULL DEFAULT '',
    created_by    TEXT REFERENCES users (id),
    created_at    DATETIME NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, donation_id) REFERENCES donations (tenant_id, id),
    FOREIGN KEY (tenant_id, reverses_id) REFERENCES ledger_entries (tenant_id, id)
);
CREATE INDEX ledger_entries_time_idx ON ledger_entries (tenant_id, occurred_on, id);
CREATE UNIQUE INDEX ledger_entries_source_idx ON ledger_entries (tenant_id, source_key);
CREATE UNIQUE INDEX ledger_entries_reverses_idx ON ledger_entries (tenant_id, reverses_id);

-- A second person's approval of an expense over the threshold; append-only.
CREATE TABLE ledger_approvals (
    tenant_id   TEXT NOT NULL REFERENCES tenants (id),
    entry_id    TEXT NOT NULL,
    approved_by TEXT NOT NULL REFERENCES users (id),
    approved_at DATETIME NOT NULL,
    PRIMARY KEY (tenant_id, entry_id),
    FOREIGN KEY (tenant_id, entry_id) REFERENCES ledger_entries (tenant_id, id)
);

-- A group's money settings: the expense amount above which a second
-- person must approve.
CREATE TABLE funds_settings (
    tenant_id          TEXT PRIMARY KEY REFERENCES tenants (id),
    approval_threshold INTEGER NOT NULL CHECK (approval_threshold >= 0),
    updated_by         TEXT REFERENCES users (id),
    updated_at         DATETIME NOT NULL
);


-- +goose Down
DROP TABLE funds_settings;
DROP TABLE ledger_approvals;
DROP TABLE ledger_entries;
DROP TABLE donations;
DROP TABLE receipt_counters;
DROP TABLE stripe_events;
DROP TABLE donation_routes;
DROP TABLE group_hosts;
DROP TABLE hosts;
