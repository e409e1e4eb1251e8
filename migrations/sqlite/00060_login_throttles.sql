-- +goose Up
-- Failed-login counters (see the PostgreSQL migration for the key format).
CREATE TABLE login_throttles (
    key           TEXT PRIMARY KEY,
    failures      INTEGER NOT NULL,
    blocked_until DATETIME,
    updated_at    DATETIME NOT NULL
);
CREATE INDEX login_throttles_updated_idx ON login_throttles (updated_at);

-- +goose Down
DROP TABLE login_throttles;
