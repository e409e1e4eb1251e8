-- +goose Up
-- The last 12 months of each group's activity for coordinators' charts, as
-- JSON: [{"month","activities","expected","present","people"}]. Counts of
-- people stay exact here and are published when read.
ALTER TABLE group_figures ADD COLUMN monthly TEXT NOT NULL DEFAULT '[]';

-- +goose Down
ALTER TABLE group_figures DROP COLUMN monthly;
