-- +goose Up
-- The coordinators' group list pages by (name, slug).
CREATE INDEX tenants_name_idx ON tenants (name, slug);

-- +goose Down
DROP INDEX tenants_name_idx;
