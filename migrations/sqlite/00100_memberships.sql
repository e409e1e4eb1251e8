-- +goose Up
-- Role assignments become data of their own: a group's team lives in the
-- group's rows (written in the same transaction as the audit entry and the
-- invitation it consumes), coordinators and platform admins in two small
-- tables. casbin keeps only the permissions every group shares; its role
-- links are answered from these tables (internal/access).

-- One role per person per group.
CREATE TABLE memberships (
    tenant_id  TEXT NOT NULL REFERENCES tenants (id),
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'treasurer', 'facilitator', 'viewer')),
    invited_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at DATETIME NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id, tenant_id);
CREATE INDEX memberships_role_idx ON memberships (tenant_id, role);

-- A coordinator oversees a region and every region below it.
CREATE TABLE region_coordinators (
    region_code TEXT NOT NULL REFERENCES regions (code),
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    assigned_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at  DATETIME NOT NULL,
    PRIMARY KEY (region_code, user_id)
);
CREATE INDEX region_coordinators_user_idx ON region_coordinators (user_id);

-- The people who run the platform.
CREATE TABLE platform_admins (
    user_id    TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    granted_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at DATETIME NOT NULL
);

-- Existing role links are copied out of casbin_rule. Links naming a group, user
-- or region that no longer exists are dropped with the rest of the
-- grouping rows.
INSERT OR IGNORE INTO memberships (tenant_id, user_id, role, invited_by, created_at)
SELECT t.id, u.id, c.v1, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now')
FROM casbin_rule c
JOIN tenants t ON t.id = substr(c.v2, 3)
JOIN users u ON u.id = substr(c.v0, 3)
WHERE c.ptype = 'g' AND c.v2 LIKE 't:%' AND c.v0 LIKE 'u:%'
  AND c.v1 IN ('owner', 'admin', 'treasurer', 'facilitator', 'viewer');

INSERT OR IGNORE INTO region_coordinators (region_code, user_id, assigned_by, created_at)
SELECT r.code, u.id, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now')
FROM casbin_rule c
JOIN regions r ON r.code = substr(c.v2, 3)
JOIN users u ON u.id = substr(c.v0, 3)
WHERE c.ptype = 'g' AND c.v1 = 'coordinator' AND c.v2 LIKE 'r:%' AND c.v0 LIKE 'u:%';

INSERT OR IGNORE INTO platform_admins (user_id, granted_by, created_at)
SELECT u.id, NULL, strftime('%Y-%m-%d %H:%M:%f', 'now')
FROM casbin_rule c
JOIN users u ON u.id = substr(c.v0, 3)
WHERE c.ptype = 'g' AND c.v1 = 'platform_admin' AND c.v2 = 'platform' AND c.v0 LIKE 'u:%';

-- +goose Down
INSERT OR IGNORE INTO casbin_rule (ptype, v0, v1, v2)
SELECT 'g', 'u:' || user_id, role, 't:' || tenant_id FROM memberships;
INSERT OR IGNORE INTO casbin_rule (ptype, v0, v1, v2)
SELECT 'g', 'u:' || user_id, 'coordinator', 'r:' || region_code FROM region_coordinators;
INSERT OR IGNORE INTO casbin_rule (ptype, v0, v1, v2)
SELECT 'g', 'u:' || user_id, 'platform_admin', 'platform' FROM platform_admins;
DROP TABLE platform_admins;
DROP TABLE region_coordinators;
DROP TABLE memberships;
