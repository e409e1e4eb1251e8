-- +goose Up
-- Failed-login counters shared by every replica. A key is either an account
-- seen from one address ("a:" + sha256 of the email + "|" + the address) or
-- an address alone ("ip:" + the address); the email itself is never stored.
-- Not tenant data: logins happen before any tenant is known.
CREATE TABLE login_throttles (
    key           text PRIMARY KEY,
    failures      integer NOT NULL,
    blocked_until timestamptz,
    updated_at    timestamptz NOT NULL
);
CREATE INDEX login_throttles_updated_idx ON login_throttles (updated_at);

-- +goose Down
DROP TABLE login_throttles;
