-- +goose Up
-- A Stripe payment, invoice or refund whose amount or currency differs from
-- the donation it names. It is not credited: it waits here, listed for the
-- treasurer, until someone settles it with Stripe. One row per event (or
-- reconciliation pass); it holds amounts and opaque ids, no personal data.
CREATE TABLE payment_discrepancies (
    tenant_id         TEXT NOT NULL REFERENCES tenants (id),
    id                TEXT NOT NULL,
    donation_id       TEXT NOT NULL,
    event_id          TEXT NOT NULL,
    event_type        TEXT NOT NULL,
    expected_amount   INTEGER NOT NULL,
    expected_currency TEXT NOT NULL,
    stripe_amount     INTEGER NOT NULL,
    stripe_currency   TEXT NOT NULL,
    status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'settled')),
    created_at        DATETIME NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, donation_id) REFERENCES donations (tenant_id, id)
);
CREATE UNIQUE INDEX payment_discrepancies_event_idx ON payment_discrepancies (tenant_id, event_id);
CREATE INDEX payment_discrepancies_donation_idx ON payment_discrepancies (tenant_id, donation_id);
CREATE INDEX payment_discrepancies_status_idx ON payment_discrepancies (tenant_id, status, created_at);

-- +goose Down
DROP TABLE payment_discrepancies;
