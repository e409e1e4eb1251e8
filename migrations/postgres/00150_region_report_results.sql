-- +goose Up
-- A region report computed in the background: a period the rollup does not
-- keep, in a region too large to compute during a request. One row per
-- region and period; report holds the published report as JSON (counts
-- suppressed below 5 and rounded, sums, rates, medians, group names — no
-- person, and not who asked), NULL until the job has stored it. Rows are
-- deleted after expires_at. Region-wide, so no tenant_id and no policy.
CREATE TABLE region_report_results (
    id          uuid PRIMARY KEY,
    region_code text NOT NULL,
    period_from date NOT NULL,
    period_to   date NOT NULL,
    report      text,
    created_at  timestamptz NOT NULL,
    started_at  timestamptz,
    done_at     timestamptz,
    expires_at  timestamptz NOT NULL,
    UNIQUE (region_code, period_from, period_to)
);

-- +goose Down
DROP TABLE region_report_results;
