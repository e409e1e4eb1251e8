-- +goose Up
-- One-time password reset links. Users belong to no tenant, so neither do
-- their resets; issued_in names the group whose owner or admin made the link
-- (NULL when the person asked by email). Only the token's SHA-256 is stored.
CREATE TABLE password_resets (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash  TEXT NOT NULL UNIQUE,
    issued_by   TEXT REFERENCES users (id) ON DELETE SET NULL,
    issued_in   TEXT REFERENCES tenants (id) ON DELETE CASCADE,
    expires_at  DATETIME NOT NULL,
    used_at     DATETIME,
    created_at  DATETIME NOT NULL
);
CREATE INDEX password_resets_user_idx ON password_resets (user_id);

-- +goose Down
DROP TABLE password_resets;
