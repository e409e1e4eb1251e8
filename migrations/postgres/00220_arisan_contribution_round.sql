-- +goose Up
-- An arisan contribution pays into one round: the member's running round
-- on the meeting's day. A payout checks that every member of the round
-- has paid for its turn. Contributions recorded before this have none.
ALTER TABLE arisan_contributions ADD COLUMN round_id uuid;
ALTER TABLE arisan_contributions ADD CONSTRAINT arisan_contributions_round_fk
    FOREIGN KEY (tenant_id, round_id) REFERENCES arisan_rounds (tenant_id, id);
CREATE INDEX arisan_contributions_round_idx ON arisan_contributions (tenant_id, round_id, beneficiary_id);

-- +goose Down
DROP INDEX arisan_contributions_round_idx;
ALTER TABLE arisan_contributions DROP CONSTRAINT arisan_contributions_round_fk;
ALTER TABLE arisan_contributions DROP COLUMN round_id;
