-- +goose Up
-- A group's public profile beyond its story: how to reach it (a WhatsApp
-- number, 62…), what it does and where it meets. The chair edits them in
-- the group's settings; the public group page shows them.
ALTER TABLE tenants ADD COLUMN contact_whatsapp text NOT NULL DEFAULT '';
ALTER TABLE tenants ADD COLUMN work text NOT NULL DEFAULT '';
ALTER TABLE tenants ADD COLUMN meeting_place text NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE tenants DROP COLUMN meeting_place;
ALTER TABLE tenants DROP COLUMN work;
ALTER TABLE tenants DROP COLUMN contact_whatsapp;
