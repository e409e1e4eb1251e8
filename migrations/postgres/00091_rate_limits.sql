-- +goose Up
-- Counters of the abuse limits on anonymous writes (donations, sign-up,
-- password-reset requests, invitations), shared by every replica. A key is
-- a limit's name and what it counts: a client address, a group's slug, or
-- a SHA-256 of an email (never the email). hits counts the requests of the
-- window that ends at window_ends (Unix milliseconds).
-- Not tenant data: these requests come before any tenant or login.
CREATE TABLE rate_limits (
    key         text PRIMARY KEY,
    hits        integer NOT NULL,
    window_ends bigint NOT NULL
);
CREATE INDEX rate_limits_window_idx ON rate_limits (window_ends);

-- +goose Down
DROP TABLE rate_limits;
