-- +goose Up
-- One-time password reset links. Users belong to no tenant, so neither do
-- their resets; issued_in names the group whose owner or admin made the link
-- (NULL when the person asked by email). Only the token's SHA-256 is stored.
CREATE TABLE password_resets (
    id          uuid PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash  text NOT NULL UNIQUE,
    issued_by   uuid REFERENCES users (id) ON DELETE SET NULL,
    issued_in   uuid REFERENCES tenants (id) ON DELETE CASCADE,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    created_at  timestamptz NOT NULL
);
CREATE INDEX password_resets_user_idx ON password_resets (user_id);

-- +goose Down
DROP TABLE password_resets;
