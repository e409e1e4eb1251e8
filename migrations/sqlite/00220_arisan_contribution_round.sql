-- +goose Up
-- An arisan contribution pays into one round: the member's running round
-- on the meeting's day. A payout checks that every member of the round
-- has paid for its turn. Contributions recorded before this have none.
-- SQLite cannot add a two-column foreign key to a table; the service
-- writes only rounds it has just read in the same transaction.
ALTER TABLE arisan_contributions ADD COLUMN round_id TEXT;
CREATE INDEX arisan_contributions_round_idx ON arisan_contributions (tenant_id, round_id, beneficiary_id);

-- +goose Down
DROP INDEX arisan_contributions_round_idx;
ALTER TABLE arisan_contributions DROP COLUMN round_id;
