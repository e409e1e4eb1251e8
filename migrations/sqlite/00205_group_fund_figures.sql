-- +goose Up
ALTER TABLE group_figures ADD COLUMN savers INTEGER NOT NULL DEFAULT 0;
ALTER TABLE group_figures ADD COLUMN savings_balance INTEGER NOT NULL DEFAULT 0;
ALTER TABLE group_figures ADD COLUMN loans INTEGER NOT NULL DEFAULT 0;
ALTER TABLE group_figures ADD COLUMN loans_outstanding INTEGER NOT NULL DEFAULT 0;
ALTER TABLE group_figures ADD COLUMN par30_amount INTEGER NOT NULL DEFAULT 0;
ALTER TABLE group_figures ADD COLUMN enterprises_active INTEGER NOT NULL DEFAULT 0;
ALTER TABLE group_figures ADD COLUMN profit_change_people INTEGER NOT NULL DEFAULT 0;
ALTER TABLE group_figures ADD COLUMN profit_change_median INTEGER;

-- +goose Down
ALTER TABLE group_figures DROP COLUMN profit_change_median;
ALTER TABLE group_figures DROP COLUMN profit_change_people;
ALTER TABLE group_figures DROP COLUMN enterprises_active;
ALTER TABLE group_figures DROP COLUMN par30_amount;
ALTER TABLE group_figures DROP COLUMN loans_outstanding;
ALTER TABLE group_figures DROP COLUMN loans;
ALTER TABLE group_figures DROP COLUMN savings_balance;
ALTER TABLE group_figures DROP COLUMN savers;
