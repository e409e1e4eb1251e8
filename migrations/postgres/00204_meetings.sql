-- +goose Up
-- A group meeting recorded from one sheet: attendance (as a program
-- activity) and every member's deposits, repayments and arisan
-- contribution, saved in one transaction. meeting_items links the meeting
-- to the fund records it made.
CREATE TABLE meetings (
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    id          uuid NOT NULL,
    held_on     date NOT NULL,
    program_id  uuid NOT NULL,
    activity_id uuid NOT NULL,
    created_by  uuid REFERENCES users (id),
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, program_id) REFERENCES programs (tenant_id, id),
    FOREIGN KEY (tenant_id, activity_id) REFERENCES program_activities (tenant_id, id)
);
CREATE INDEX meetings_day_idx ON meetings (tenant_id, held_on);

CREATE TABLE meeting_items (
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    meeting_id uuid NOT NULL,
    item_kind  text NOT NULL CHECK (item_kind IN ('savings', 'repayment', 'arisan')),
    item_id    uuid NOT NULL,
    PRIMARY KEY (tenant_id, meeting_id, item_kind, item_id),
    FOREIGN KEY (tenant_id, meeting_id) REFERENCES meetings (tenant_id, id)
);

-- Members' arisan contributions, held by the group until the round's
-- draw pays them out. The amount is personal: sealed.
CREATE TABLE arisan_contributions (
    tenant_id      uuid NOT NULL REFERENCES tenants (id),
    id             uuid NOT NULL,
    beneficiary_id uuid NOT NULL,
    amount_sealed  text NOT NULL,
    key_version    integer NOT NULL,
    paid_on        date NOT NULL,
    receipt_no     text NOT NULL,
    entry_id       uuid NOT NULL,
    created_by     uuid REFERENCES users (id),
    created_at     timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, beneficiary_id) REFERENCES beneficiaries (tenant_id, id),
    FOREIGN KEY (tenant_id, entry_id) REFERENCES journal_entries (tenant_id, id)
);
CREATE INDEX arisan_contributions_member_idx ON arisan_contributions (tenant_id, beneficiary_id, paid_on);
CREATE UNIQUE INDEX arisan_contributions_receipt_idx ON arisan_contributions (tenant_id, receipt_no);

ALTER TABLE meetings ENABLE ROW LEVEL SECURITY;
ALTER TABLE meetings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON meetings
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
ALTER TABLE meeting_items ENABLE ROW LEVEL SECURITY;
ALTER TABLE meeting_items FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON meeting_items
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
ALTER TABLE arisan_contributions ENABLE ROW LEVEL SECURITY;
ALTER TABLE arisan_contributions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON arisan_contributions
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- +goose Down
DROP TABLE arisan_contributions;
DROP TABLE meeting_items;
DROP TABLE meetings;
