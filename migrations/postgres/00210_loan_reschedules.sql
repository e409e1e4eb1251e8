-- +goose Up
-- Rescheduling a loan: from effective_on, what is still owed is spread over
-- a new term, with a note saying why. The schedule stays computed from the
-- terms and these rows, never stored.
CREATE TABLE loan_reschedules (
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    loan_id      uuid NOT NULL,
    seq          integer NOT NULL CHECK (seq > 0),
    effective_on date NOT NULL,
    term_months  integer NOT NULL CHECK (term_months BETWEEN 1 AND 60),
    note         text NOT NULL,
    created_by   uuid REFERENCES users (id),
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, loan_id, seq),
    FOREIGN KEY (tenant_id, loan_id) REFERENCES loans (tenant_id, id)
);

ALTER TABLE loan_reschedules ENABLE ROW LEVEL SECURITY;
ALTER TABLE loan_reschedules FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON loan_reschedules
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- +goose Down
DROP TABLE loan_reschedules;
