-- +goose Up
-- Groups whose data changed since the coordinators' rollup last computed
-- them: the transaction that changes a group's data (every such write is
-- audited) upserts the group's row here, so the mark exists exactly when
-- the change does. Each mark counts up seq; the rollup job takes the oldest
-- marks in batches and removes a mark only if seq is still the one it read,
-- so a change committed while a group was being computed is never lost.
CREATE TABLE group_changes (
    tenant_id  TEXT PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    changed_at DATETIME NOT NULL,
    seq        INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX group_changes_time_idx ON group_changes (changed_at);

-- The daily refresh (the 90-day window moves every day) takes the groups
-- refreshed longest ago, a slice at a time over the day.
CREATE INDEX group_figures_refreshed_idx ON group_figures (refreshed_at);

-- +goose Down
DROP INDEX group_figures_refreshed_idx;
DROP TABLE group_changes;
