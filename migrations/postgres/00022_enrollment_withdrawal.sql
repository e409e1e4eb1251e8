-- +goose Up
-- A member who leaves a program keeps her history (attendance, outcomes);
-- her enrollment is marked withdrawn instead of removed.
ALTER TABLE program_enrollments ADD COLUMN withdrawn_on date;

-- +goose Down
ALTER TABLE program_enrollments DROP COLUMN withdrawn_on;
