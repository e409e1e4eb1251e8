-- +goose Up
CREATE TABLE program_enrollments (
    tenant_id      TEXT NOT NULL REFERENCES tenants (id),
    id             TEXT NOT NULL,
    program_id     TEXT NOT NULL,
    beneficiary_id TEXT NOT NULL,
    enrolled_on    TEXT NOT NULL,
    created_by     TEXT REFERENCES users (id),
    created_at     DATETIME NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, program_id, beneficiary_id),
    FOREIGN KEY (tenant_id, program_id) REFERENCES programs (tenant_id, id),
    FOREIGN KEY (tenant_id, beneficiary_id) REFERENCES beneficiaries (tenant_id, id)
);
CREATE INDEX program_enrollments_beneficiary_idx ON program_enrollments (tenant_id, beneficiary_id);

CREATE TABLE activity_attendance (
    tenant_id      TEXT NOT NULL REFERENCES tenants (id),
    id             TEXT NOT NULL,
    program_id     TEXT NOT NULL,
    activity_id    TEXT NOT NULL,
    beneficiary_id TEXT NOT NULL,
    created_at     DATETIME NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, activity_id, beneficiary_id),
    FOREIGN KEY (tenant_id, program_id, activity_id) REFERENCES program_activities (tenant_id, program_id, id),
    FOREIGN KEY (tenant_id, program_id, beneficiary_id) REFERENCES program_enrollments (tenant_id, program_id, beneficiary_id)
);

CREATE TABLE outcomes (
    tenant_id      TEXT NOT NULL REFERENCES tenants (id),
    id             TEXT NOT NULL,
    program_id     TEXT NOT NULL,
    beneficiary_id TEXT NOT NULL,
    indicator      TEXT NOT NULL,
    period         TEXT NOT NULL CHECK (length(period) = 7),
    value          INTEGER NOT NULL CHECK (value >= 0),
    recorded_by    TEXT REFERENCES users (id),
    created_at     DATETIME NOT NULL,
    updated_at     DATETIME NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, beneficiary_id, program_id, indicator, period),
    FOREIGN KEY (tenant_id, program_id, beneficiary_id) REFERENCES program_enrollments (tenant_id, program_id, beneficiary_id)
);
CREATE INDEX outcomes_program_idx ON outcomes (tenant_id, program_id, indicator, period);

-- +goose Down
DROP TABLE outcomes;
DROP TABLE activity_attendance;
DROP TABLE program_enrollments;
