-- +goose Up
-- The published value of each figure the coordinators' group list sorts
-- by, so the list is sorted and paged in SQL: counts of people as shown
-- (suppressed between 0 and 5, else rounded to 5), rates and medians as
-- shown (-1e300 when hidden or unknown, which sorts lowest), and the last
-- activity as seconds since 1970 (-1e300 when none). Sorting by the exact
-- values would tell which of two groups both showing "<5" has more people.
ALTER TABLE group_figures ADD COLUMN sort_served REAL NOT NULL DEFAULT 0;
ALTER TABLE group_figures ADD COLUMN sort_prse REAL NOT NULL DEFAULT 0;
ALTER TABLE group_figures ADD COLUMN sort_ready REAL NOT NULL DEFAULT 0;
ALTER TABLE group_figures ADD COLUMN sort_attendance REAL NOT NULL DEFAULT -1e300;
ALTER TABLE group_figures ADD COLUMN sort_income REAL NOT NULL DEFAULT -1e300;
ALTER TABLE group_figures ADD COLUMN sort_last REAL NOT NULL DEFAULT -1e300;

-- +goose Down
ALTER TABLE group_figures DROP COLUMN sort_last;
ALTER TABLE group_figures DROP COLUMN sort_income;
ALTER TABLE group_figures DROP COLUMN sort_attendance;
ALTER TABLE group_figures DROP COLUMN sort_ready;
ALTER TABLE group_figures DROP COLUMN sort_prse;
ALTER TABLE group_figures DROP COLUMN sort_served;
