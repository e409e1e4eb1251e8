-- +goose Up
-- A partner's contact phone and email name a person: sealed with the
-- tenant's data key (key_version); the clear columns stay empty for new rows.
ALTER TABLE partners ADD COLUMN contact_phone_sealed text NOT NULL DEFAULT '';
ALTER TABLE partners ADD COLUMN contact_email_sealed text NOT NULL DEFAULT '';
ALTER TABLE partners ADD COLUMN key_version integer NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE partners DROP COLUMN key_version;
ALTER TABLE partners DROP COLUMN contact_email_sealed;
ALTER TABLE partners DROP COLUMN contact_phone_sealed;
