-- +goose Up
-- Who takes part in a program. Attendance and outcomes reference this row,
-- so the database itself refuses either for someone not enrolled.
CREATE TABLE program_enrollments (
    tenant_id      uuid NOT NULL REFERENCES tenants (id),
    id             uuid NOT NULL,
    program_id     uuid NOT NULL,
    beneficiary_id uuid NOT NULL,
    enrolled_on    date NOT NULL,
    created_by     uuid REFERENCES users (id),
    created_at     timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, program_id, beneficiary_id),
    FOREIGN KEY (tenant_id, program_id) REFERENCES programs (tenant_id, id),
    FOREIGN KEY (tenant_id, beneficiary_id) REFERENCES beneficiaries (tenant_id, id)
);
CREATE INDEX program_enrollments_beneficiary_idx ON program_enrollments (tenant_id, beneficiary_id);

-- One row per person present at an activity; absence is the lack of a row.
CREATE TABLE activity_attendance (
    tenant_id      uuid NOT NULL REFERENCES tenants (id),
    id             uuid NOT NULL,
    program_id     uuid NOT NULL,
    activity_id    uuid NOT NULL,
    beneficiary_id uuid NOT NULL,
    created_at     timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, activity_id, beneficiary_id),
    FOREIGN KEY (tenant_id, program_id, activity_id) REFERENCES program_activities (tenant_id, program_id, id),
    FOREIGN KEY (tenant_id, program_id, beneficiary_id) REFERENCES program_enrollments (tenant_id, program_id, beneficiary_id)
);

-- Measurements per beneficiary, program, indicator and month (YYYY-MM).
CREATE TABLE outcomes (
    tenant_id      uuid NOT NULL REFERENCES tenants (id),
    id             uuid NOT NULL,
    program_id     uuid NOT NULL,
    beneficiary_id uuid NOT NULL,
    indicator      text NOT NULL,
    period         text NOT NULL CHECK (length(period) = 7),
    value          bigint NOT NULL CHECK (value >= 0),
    recorded_by    uuid REFERENCES users (id),
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, beneficiary_id, program_id, indicator, period),
    FOREIGN KEY (tenant_id, program_id, beneficiary_id) REFERENCES program_enrollments (tenant_id, program_id, beneficiary_id)
);
CREATE INDEX outcomes_program_idx ON outcomes (tenant_id, program_id, indicator, period);

ALTER TABLE program_enrollments ENABLE ROW LEVEL SECURITY;
ALTER TABLE program_enrollments FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON program_enrollments
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE activity_attendance ENABLE ROW LEVEL SECURITY;
ALTER TABLE activity_attendance FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON activity_attendance
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE outcomes ENABLE ROW LEVEL SECURITY;
ALTER TABLE outcomes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON outcomes
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- +goose Down
DROP TABLE outcomes;
DROP TABLE activity_attendance;
DROP TABLE program_enrollments;
