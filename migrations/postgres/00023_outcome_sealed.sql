-- +goose Up
-- Income outcomes are a woman's monthly enterprise income: sealed with the
-- tenant's data key (key_version) into value_sealed, with value left 0.
-- Other indicators stay in clear in value.
ALTER TABLE outcomes ADD COLUMN value_sealed text NOT NULL DEFAULT '';
ALTER TABLE outcomes ADD COLUMN key_version integer NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE outcomes DROP COLUMN key_version;
ALTER TABLE outcomes DROP COLUMN value_sealed;
