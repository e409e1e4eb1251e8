-- +goose Up
CREATE TABLE loan_reschedules (
    tenant_id    TEXT NOT NULL REFERENCES tenants (id),
    loan_id      TEXT NOT NULL,
    seq          INTEGER NOT NULL CHECK (seq > 0),
    effective_on TEXT NOT NULL,
    term_months  INTEGER NOT NULL CHECK (term_months BETWEEN 1 AND 60),
    note         TEXT NOT NULL,
    created_by   TEXT REFERENCES users (id),
    created_at   DATETIME NOT NULL,
    PRIMARY KEY (tenant_id, loan_id, seq),
    FOREIGN KEY (tenant_id, loan_id) REFERENCES loans (tenant_id, id)
);

-- +goose Down
DROP TABLE loan_reschedules;
