-- +goose Up
-- A region report computed in the background: a period the rollup does not
-- keep, in a region too large to compute during a request. One row per
-- region and period; report holds the published report as JSON (counts
-- suppressed below 5 and rounded, sums, rates, medians, group names — no
-- person, and not who asked), NULL until the job has stored it. Rows are
-- deleted after expires_at. Region-wide, so no tenant_id and no policy.
CREATE TABLE region_report_results (
    id          TEXT PRIMARY KEY,
    region_code TEXT NOT NULL,
    period_from TEXT NOT NULL,
    period_to   TEXT NOT NULL,
    report      TEXT,
    created_at  DATETIME NOT NULL,
    started_at  DATETIME,
    done_at     DATETIME,
    expires_at  DATETIME NOT NULL,
    UNIQUE (region_code, period_from, period_to)
);

-- +goose Down
DROP TABLE region_report_results;
