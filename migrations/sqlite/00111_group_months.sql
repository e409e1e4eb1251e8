-- +goose Up
-- Each group's figures per calendar month (YYYY-MM, UTC), every month it
-- has data, maintained by the rollup job with the group's other figures:
-- activities held; attendance pairs expected and present and the distinct
-- reportable people expected that month; reportable people and PRSE-eligible
-- people registered that month; ledger income, expenses and donations that
-- month. Counts of people are exact here and published when read; figures
-- over a period are sums over its months. No personal data; read across
-- groups by coordinators' views, so no tenant policy.
CREATE TABLE group_months (
    tenant_id   TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    month       TEXT NOT NULL,
    activities  INTEGER NOT NULL DEFAULT 0,
    expected    INTEGER NOT NULL DEFAULT 0,
    present     INTEGER NOT NULL DEFAULT 0,
    people      INTEGER NOT NULL DEFAULT 0,
    new_people  INTEGER NOT NULL DEFAULT 0,
    new_prse    INTEGER NOT NULL DEFAULT 0,
    money_in    INTEGER NOT NULL DEFAULT 0,
    money_out   INTEGER NOT NULL DEFAULT 0,
    donations   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, month)
);

-- +goose Down
DROP TABLE group_months;
