-- +goose Up
-- A Stripe payment, invoice or refund whose amount or currency differs from
-- the donation it names. It is not credited: it waits here, listed for the
-- treasurer, until someone settles it with Stripe. One row per event (or
-- reconciliation pass); it holds amounts and opaque ids, no personal data.
CREATE TABLE payment_discrepancies (
    tenant_id         uuid NOT NULL REFERENCES tenants (id),
    id                uuid NOT NULL,
    donation_id       uuid NOT NULL,
    event_id          text NOT NULL,
    event_type        text NOT NULL,
    expected_amount   bigint NOT NULL,
    expected_currency text NOT NULL,
    stripe_amount     bigint NOT NULL,
    stripe_currency   text NOT NULL,
    status            text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'settled')),
    created_at        timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, donation_id) REFERENCES donations (tenant_id, id)
);
CREATE UNIQUE INDEX payment_discrepancies_event_idx ON payment_discrepancies (tenant_id, event_id);
CREATE INDEX payment_discrepancies_donation_idx ON payment_discrepancies (tenant_id, donation_id);
CREATE INDEX payment_discrepancies_status_idx ON payment_discrepancies (tenant_id, status, created_at);

ALTER TABLE payment_discrepancies ENABLE ROW LEVEL SECURITY;
ALTER TABLE payment_discrepancies FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON payment_discrepancies
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- +goose Down
DROP TABLE payment_discrepancies;
