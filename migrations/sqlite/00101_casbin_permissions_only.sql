-- +goose Up
-- Role links now live in memberships, region_coordinators and
-- platform_admins (00100); casbin_rule keeps only the permissions every
-- group shares.
DELETE FROM casbin_rule WHERE ptype = 'g';

-- +goose Down
INSERT OR IGNORE INTO casbin_rule (ptype, v0, v1, v2)
SELECT 'g', 'u:' || user_id, role, 't:' || tenant_id FROM memberships;
INSERT OR IGNORE INTO casbin_rule (ptype, v0, v1, v2)
SELECT 'g', 'u:' || user_id, 'coordinator', 'r:' || region_code FROM region_coordinators;
INSERT OR IGNORE INTO casbin_rule (ptype, v0, v1, v2)
SELECT 'g', 'u:' || user_id, 'platform_admin', 'platform' FROM platform_admins;
