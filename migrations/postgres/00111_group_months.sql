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
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    month       text NOT NULL,
    activities  integer NOT NULL DEFAULT 0,
    expected    integer NOT NULL DEFAULT 0,
    present     integer NOT NULL DEFAULT 0,
    people      integer NOT NULL DEFAULT 0,
    new_people  integer NOT NULL DEFAULT 0,
    new_prse    integer NOT NULL DEFAULT 0,
    money_in    bigint NOT NULL DEFAULT 0,
    money_out   bigint NOT NULL DEFAULT 0,
    donations   bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, month)
);

-- +goose Down
DROP TABLE group_months;
