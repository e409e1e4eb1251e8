-- +goose Up
-- Donation hosts (no tenant): legal entities with a public-fundraising
-- permit that receive online donations for groups. A host with its own
-- Stripe keys keeps them sealed (envelope encryption under the operator
-- secret); the platform host uses PEDULI_STRIPE_SECRET_KEY.
CREATE TABLE hosts (
    key                   text PRIMARY KEY,
    name                  text NOT NULL,
    is_default            boolean NOT NULL DEFAULT false,
    stripe_account        text NOT NULL DEFAULT 'platform',
    permit_number         text NOT NULL,
    permit_area           text NOT NULL,
    valid_from            date NOT NULL,
    valid_until           date NOT NULL,
    stripe_key_wrapped    bytea,
    stripe_secret_sealed  text NOT NULL DEFAULT '',
    webhook_secret_sealed text NOT NULL DEFAULT '',
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    CHECK (valid_until >= valid_from)
);
CREATE UNIQUE INDEX hosts_one_default_idx ON hosts (is_default) WHERE is_default;

-- Which host receives a group's online donations; a group without a row
-- uses the default host.
CREATE TABLE group_hosts (
    tenant_id   uuid PRIMARY KEY REFERENCES tenants (id),
    host_key    text NOT NULL REFERENCES hosts (key),
    attached_by uuid REFERENCES users (id),
    attached_at timestamptz NOT NULL
);
CREATE INDEX group_hosts_host_idx ON group_hosts (host_key);

-- The narrow cross-tenant index the Stripe webhook and receipt links need:
-- an opaque reference (donation id, Checkout Session, subscription, payment
-- intent, receipt-token hash) to the tenant that owns the donation. It holds
-- no personal data; all work on the donation then runs in that tenant's
-- row-level-security scope, where a wrong route finds nothing.
CREATE TABLE donation_routes (
    ref         text PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    donation_id uuid NOT NULL,
    created_at  timestamptz NOT NULL
);

-- Every Stripe event (and every reconciliation fix) processed, written in
-- the same transaction as its effects, so a replay finds its id and does
-- nothing. Append-only.
CREATE TABLE stripe_events (
    id          text PRIMARY KEY,
    type        text NOT NULL,
    tenant_id   uuid REFERENCES tenants (id),
    outcome     text NOT NULL,
    received_at timestamptz NOT NULL
);

-- Gap-free receipt numbers: one counter row per series (a host, or a group
-- for hand-recorded gifts) and year, bumped inside the transaction that
-- uses the number.
CREATE TABLE receipt_counters (
    series text NOT NULL,
    year   integer NOT NULL,
    last_number bigint NOT NULL,
    PRIMARY KEY (series, year)
);

-- Tenant tables.
CREATE TABLE donations (
    tenant_id          uuid NOT NULL REFERENCES tenants (id),
    id                 uuid NOT NULL,
    parent_id          uuid,
    channel            text NOT NULL CHECK (channel IN ('online', 'cash', 'transfer', 'in_kind')),
    frequency          text NOT NULL DEFAULT 'once' CHECK (frequency IN ('once', 'month')),
    status             text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'refunded', 'active')),
    amount             bigint NOT NULL CHECK (amount > 0),
    currency           text NOT NULL,
    program_id         uuid,
    host_key           text REFERENCES hosts (key),
    donor_name         text NOT NULL DEFAULT '',
    donor_email        text NOT NULL DEFAULT '',
    anonymous          boolean NOT NULL DEFAULT false,
    show_name          boolean NOT NULL DEFAULT false,
    locale             text NOT NULL DEFAULT 'id',
    description        text NOT NULL DEFAULT '',
    received_on        date,
    checkout_session_id text NOT NULL DEFAULT '',
    subscription_id    text NOT NULL DEFAULT '',
    payment_intent_id  text NOT NULL DEFAULT '',
    invoice_id         text NOT NULL DEFAULT '',
    refunded_amount    bigint NOT NULL DEFAULT 0,
    receipt_number     text NOT NULL DEFAULT '',
    receipt_token_hash text NOT NULL DEFAULT '',
    recorded_by        uuid REFERENCES users (id),
    succeeded_at       timestamptz,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
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
    tenant_id     uuid NOT NULL REFERENCES tenants (id),
    id            uuid NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('income', 'expense')),
    source        text NOT NULL,
    amount        bigint NOT NULL CHECK (amount <> 0),
    currency      text NOT NULL,
    category      text NOT NULL DEFAULT '',
    program_id    uuid,
    occurred_on   date NOT NULL,
    note          text NOT NULL DEFAULT '',
    donation_id   uuid,
    reverses_id   uuid,
    source_key    text,
    needs_approval boolean NOT NULL DEFAULT false,
    receipt_file  text NOT NULL DEFAULT '',
    receipt_type  text NOT NULL DEFAULT '',
    created_by    uuid REFERENCES users (id),
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, donation_id) REFERENCES donations (tenant_id, id),
    FOREIGN KEY (tenant_id, reverses_id) REFERENCES ledger_entries (tenant_id, id)
);
CREATE INDEX ledger_entries_time_idx ON ledger_entries (tenant_id, occurred_on, id);
CREATE UNIQUE INDEX ledger_entries_source_idx ON ledger_entries (tenant_id, source_key);
CREATE UNIQUE INDEX ledger_entries_reverses_idx ON ledger_entries (tenant_id, reverses_id);

-- A second person's approval of an expense over the threshold; append-only.
CREATE TABLE ledger_approvals (
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    entry_id    uuid NOT NULL,
    approved_by uuid NOT NULL REFERENCES users (id),
    approved_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, entry_id),
    FOREIGN KEY (tenant_id, entry_id) REFERENCES ledger_entries (tenant_id, id)
);

-- A group's money settings: the expense amount above which a second
-- person must approve.
CREATE TABLE funds_settings (
    tenant_id          uuid PRIMARY KEY REFERENCES tenants (id),
    approval_threshold bigint NOT NULL CHECK (approval_threshold >= 0),
    updated_by         uuid REFERENCES users (id),
    updated_at         timestamptz NOT NULL
);

ALTER TABLE donations ENABLE ROW LEVEL SECURITY;
ALTER TABLE donations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON donations
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE ledger_entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_entries FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ledger_entries
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE ledger_approvals ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_approvals FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ledger_approvals
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE funds_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE funds_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON funds_settings
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

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
