-- +goose Up
CREATE TABLE meetings (
    tenant_id   TEXT NOT NULL REFERENCES tenants (id),
    id          TEXT NOT NULL,
    held_on     TEXT NOT NULL,
    program_id  TEXT NOT NULL,
    activity_id TEXT NOT NULL,
    created_by  TEXT REFERENCES users (id),
    created_at  DATETIME NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, program_id) REFERENCES programs (tenant_id, id),
    FOREIGN KEY (tenant_id, activity_id) REFERENCES program_activities (tenant_id, id)
);
CREATE INDEX meetings_day_idx ON meetings (tenant_id, held_on);

CREATE TABLE meeting_items (
    tenant_id  TEXT NOT NULL REFERENCES tenants (id),
    meeting_id TEXT NOT NULL,
    item_kind  TEXT NOT NULL CHECK (item_kind IN ('savings', 'repayment', 'arisan')),
    item_id    TEXT NOT NULL,
    PRIMARY KEY (tenant_id, meeting_id, item_kind, item_id),
    FOREIGN KEY (tenant_id, meeting_id) REFERENCES meetings (tenant_id, id)
);

CREATE TABLE arisan_contributions (
    tenant_id      TEXT NOT NULL REFERENCES tenants (id),
    id             TEXT NOT NULL,
    beneficiary_id TEXT NOT NULL,
    amount_sealed  TEXT NOT NULL,
    key_version    INTEGER NOT NULL,
    paid_on        TEXT NOT NULL,
    receipt_no     TEXT NOT NULL,
    entry_id       TEXT NOT NULL,
    created_by     TEXT REFERENCES users (id),
    created_at     DATETIME NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, beneficiary_id) REFERENCES beneficiaries (tenant_id, id),
    FOREIGN KEY (tenant_id, entry_id) REFERENCES journal_entries (tenant_id, id)
);
CREATE INDEX arisan_contributions_member_idx ON arisan_contributions (tenant_id, beneficiary_id, paid_on);
CREATE UNIQUE INDEX arisan_contributions_receipt_idx ON arisan_contributions (tenant_id, receipt_no);


-- +goose Down
DROP TABLE arisan_contributions;
DROP TABLE meeting_items;
DROP TABLE meetings;
