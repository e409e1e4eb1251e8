-- +goose Up
-- Abuse-limit counters (see the PostgreSQL migration for the key format).
CREATE TABLE rate_limits (
    key         TEXT PRIMARY KEY,
    hits        INTEGER NOT NULL,
    window_ends INTEGER NOT NULL
);
CREATE INDEX rate_limits_window_idx ON rate_limits (window_ends);

-- +goose Down
DROP TABLE rate_limits;
