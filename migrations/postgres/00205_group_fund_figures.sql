-- +goose Up
-- The rollup keeps each group's own money and members' enterprises too:
-- exact totals and the number of savers and loans they rest on, so a
-- coordinator's view can suppress amounts that would reveal a person.
ALTER TABLE group_figures ADD COLUMN savers integer NOT NULL DEFAULT 0;
ALTER TABLE group_figures ADD COLUMN savings_balance bigint NOT NULL DEFAULT 0;
ALTER TABLE group_figures ADD COLUMN loans integer NOT NULL DEFAULT 0;
ALTER TABLE group_figures ADD COLUMN loans_outstanding bigint NOT NULL DEFAULT 0;
ALTER TABLE group_figures ADD COLUMN par30_amount bigint NOT NULL DEFAULT 0;
ALTER TABLE group_figures ADD COLUMN enterprises_active integer NOT NULL DEFAULT 0;
ALTER TABLE group_figures ADD COLUMN profit_change_people integer NOT NULL DEFAULT 0;
ALTER TABLE group_figures ADD COLUMN profit_change_median bigint;

-- +goose Down
ALTER TABLE group_figures DROP COLUMN profit_change_median;
ALTER TABLE group_figures DROP COLUMN profit_change_people;
ALTER TABLE group_figures DROP COLUMN enterprises_active;
ALTER TABLE group_figures DROP COLUMN par30_amount;
ALTER TABLE group_figures DROP COLUMN loans_outstanding;
ALTER TABLE group_figures DROP COLUMN loans;
ALTER TABLE group_figures DROP COLUMN savings_balance;
ALTER TABLE group_figures DROP COLUMN savers;
