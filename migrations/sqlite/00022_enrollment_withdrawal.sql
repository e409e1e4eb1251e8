-- +goose Up
ALTER TABLE program_enrollments ADD COLUMN withdrawn_on TEXT;

-- +goose Down
ALTER TABLE program_enrollments DROP COLUMN withdrawn_on;
