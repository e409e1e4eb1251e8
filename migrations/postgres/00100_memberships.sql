-- +goose Up
-- Role assignments become data of their own: a group's team lives in the
-- group's rows (written in the same transaction as the audit entry and the
-- invitation it consumes), coordinators and platform admins in two small
-- tables. casbin keeps only the permissions every group shares; its role
-- links are answered from these tables (internal/access).

-- One role per person per group.
CREATE TABLE memberships (
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       text NOT NULL CHECK (role IN ('owner', 'admin', 'treasurer', 'facilitator', 'viewer')),
    invited_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id, tenant_id);
CREATE INDEX memberships_role_idx ON memberships (tenant_id, role);

-- A coordinator oversees a region and every region below it.
CREATE TABLE region_coordinators (
    region_code text NOT NULL REFERENCES regions (code),
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    assigned_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (region_code, user_id)
);
CREATE INDEX region_coordinators_user_idx ON region_coordinators (user_id);

-- The people who run the platform.
CREATE TABLE platform_admins (
    user_id    uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    granted_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL
);

-- Existing role links are copied out of casbin_rule (before row-level security
-- is switched on, so the owner running the migration may write every
-- group's rows). Links naming a group, user or region that no longer
-- exists are dropped with the rest of the grouping rows.
INSERT INTO memberships (tenant_id, user_id, role, invited_by, created_at)
SELECT t.id, u.id, c.v1, NULL, now()
FROM casbin_rule c
JOIN tenants t ON t.id::text = substr(c.v2, 3)
JOIN users u ON u.id::text = substr(c.v0, 3)
WHERE c.ptype = 'g' AND c.v2 LIKE 't:%' AND c.v0 LIKE 'u:%'
  AND c.v1 IN ('owner', 'admin', 'treasurer', 'facilitator', 'viewer')
ON CONFLICT (tenant_id, user_id) DO NOTHING;

INSERT INTO region_coordinators (region_code, user_id, assigned_by, created_at)
SELECT r.code, u.id, NULL, now()
FROM casbin_rule c
JOIN regions r ON r.code = substr(c.v2, 3)
JOIN users u ON u.id::text = substr(c.v0, 3)
WHERE c.ptype = 'g' AND c.v1 = 'coordinator' AND c.v2 LIKE 'r:%' AND c.v0 LIKE 'u:%'
ON CONFLICT (region_code, user_id) DO NOTHING;

INSERT INTO platform_admins (user_id, granted_by, created_at)
SELECT u.id, NULL, now()
FROM casbin_rule c
JOIN users u ON u.id::text = substr(c.v0, 3)
WHERE c.ptype = 'g' AND c.v1 = 'platform_admin' AND c.v2 = 'platform' AND c.v0 LIKE 'u:%'
ON CONFLICT (user_id) DO NOTHING;

-- Row-level security: a group's team is its own. The second, read-only
-- policy lets a transaction bound to one person (app.user_id) list the
-- groups she belongs to, and nothing else.
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON memberships
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
CREATE POLICY own_memberships ON memberships FOR SELECT
    USING (user_id = NULLIF(current_setting('app.user_id', true), '')::uuid);

-- +goose Down
ALTER TABLE memberships NO FORCE ROW LEVEL SECURITY;
ALTER TABLE memberships DISABLE ROW LEVEL SECURITY;
INSERT INTO casbin_rule (ptype, v0, v1, v2)
SELECT 'g', 'u:' || user_id::text, role, 't:' || tenant_id::text FROM memberships
ON CONFLICT DO NOTHING;
INSERT INTO casbin_rule (ptype, v0, v1, v2)
SELECT 'g', 'u:' || user_id::text, 'coordinator', 'r:' || region_code FROM region_coordinators
ON CONFLICT DO NOTHING;
INSERT INTO casbin_rule (ptype, v0, v1, v2)
SELECT 'g', 'u:' || user_id::text, 'platform_admin', 'platform' FROM platform_admins
ON CONFLICT DO NOTHING;
DROP TABLE platform_admins;
DROP TABLE region_coordinators;
DROP TABLE memberships;
