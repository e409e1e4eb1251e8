-- +goose Up
-- Each group's region-report row for each standard period (whole months
-- from period_from to period_to, inclusive), maintained by the rollup job
-- with the group's other figures. figures holds the exact values before
-- publication (text, see regions/report_codec.go): counts, sums, and, for
-- an indicator whose median a coordinator may see (5 people or more), the
-- sorted changes it is the median of, with nothing to say whose. No id,
-- name or field of a person; published when read; read across groups by
-- coordinators' reports, so no tenant policy.
CREATE TABLE group_reports (
    tenant_id    TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    period_from  TEXT NOT NULL,
    period_to    TEXT NOT NULL,
    figures      TEXT NOT NULL,
    refreshed_at DATETIME NOT NULL,
    -- A report reads one period of each group of a region: one probe of
    -- this key per group (every index leads with tenant_id, for Citus).
    PRIMARY KEY (tenant_id, period_from, period_to)
);

-- Every group is marked changed, so the rollup job fills the new rows
-- within minutes of the upgrade rather than by the daily pass.
INSERT OR IGNORE INTO group_changes (tenant_id, changed_at, seq)
SELECT id, strftime('%Y-%m-%d %H:%M:%f', 'now'), 1 FROM tenants;

-- +goose Down
DROP TABLE group_reports;
