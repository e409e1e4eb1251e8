-- +goose Up
-- The group's photo on its public page: the name of a shrunk JPEG in the
-- upload store (groups/<tenant id>/<name>), '' for none. A new photo gets a
-- new random name, so its URL can be cached for good.
ALTER TABLE tenants ADD COLUMN photo TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE tenants DROP COLUMN photo;
