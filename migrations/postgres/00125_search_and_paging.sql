-- +goose Up
-- The coordinators' group list pages by (name, slug).
--
-- No trigram index for name search: under forced row-level security
-- PostgreSQL only uses a condition as an index condition when its
-- functions are leakproof, and lower() and LIKE are not, so the serving
-- role could never use such an index (it would only slow every write). A
-- search reads the group's own entries of beneficiaries_name_idx instead.
CREATE INDEX tenants_name_idx ON tenants (name, slug);

-- +goose Down
DROP INDEX tenants_name_idx;
