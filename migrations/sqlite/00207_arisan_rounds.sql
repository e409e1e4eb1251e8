-- +goose Up
CREATE TABLE arisan_rounds (
    tenant_id    TEXT NOT NULL REFERENCES tenants (id),
    id           TEXT NOT NULL,
    name         TEXT NOT NULL,
    contribution INTEGER NOT NULL CHECK (contribution > 0),
    starts_on    TEXT NOT NULL,
    draw         TEXT NOT NULL CHECK (draw IN ('lot', 'agreement')),
    completed_on TEXT,
    created_by   TEXT REFERENCES users (id),
    created_at   DATETIME NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE arisan_members (
    tenant_id      TEXT NOT NULL REFERENCES tenants (id),
    round_id       TEXT NOT NULL,
    beneficiary_id TEXT NOT NULL,
    draw_no        INTEGER NOT NULL CHECK (draw_no > 0),
    received_on    TEXT,
    entry_id       TEXT,
    PRIMARY KEY (tenant_id, round_id, beneficiary_id),
    FOREIGN KEY (tenant_id, round_id) REFERENCES arisan_rounds (tenant_id, id),
    FOREIGN KEY (tenant_id, beneficiary_id) REFERENCES beneficiaries (tenant_id, id),
    FOREIGN KEY (tenant_id, entry_id) REFERENCES journal_entries (tenant_id, id)
);
CREATE UNIQUE INDEX arisan_members_draw_idx ON arisan_members (tenant_id, round_id, draw_no);

-- +goose Down
DROP TABLE arisan_members;
DROP TABLE arisan_rounds;
