-- +goose Up
-- When a woman is erased, her attendance rows go and each activity she
-- attended keeps her presence only as this anonymous count, so head counts
-- and attendance figures stay right without linking her to any date.
ALTER TABLE program_activities ADD COLUMN erased_present integer NOT NULL DEFAULT 0 CHECK (erased_present >= 0);

-- +goose Down
ALTER TABLE program_activities DROP COLUMN erased_present;
