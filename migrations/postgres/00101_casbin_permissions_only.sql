-- +goose Up
-- Role links now live in memberships, region_coordinators and
-- platform_admins (00100); casbin_rule keeps only the permissions every
-- group shares.
DELETE FROM casbin_rule WHERE ptype = 'g';

-- +goose Down
ALTER TABLE memberships NO FORCE ROW LEVEL SECURITY;
INSERT INTO casbin_rule (ptype, v0, v1, v2)
SELECT 'g', 'u:' || user_id::text, role, 't:' || tenant_id::text FROM memberships
ON CONFLICT DO NOTHING;
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
INSERT INTO casbin_rule (ptype, v0, v1, v2)
SELECT 'g', 'u:' || user_id::text, 'coordinator', 'r:' || region_code FROM region_coordinators
ON CONFLICT DO NOTHING;
INSERT INTO casbin_rule (ptype, v0, v1, v2)
SELECT 'g', 'u:' || user_id::text, 'platform_admin', 'platform' FROM platform_admins
ON CONFLICT DO NOTHING;
