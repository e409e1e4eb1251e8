-- +goose Up
-- Anonymous presences of erased women per activity (see the PostgreSQL migration).
ALTER TABLE program_activities ADD COLUMN erased_present INTEGER NOT NULL DEFAULT 0 CHECK (erased_present >= 0);

-- +goose Down
ALTER TABLE program_activities DROP COLUMN erased_present;
