package db

import (
	"context"
	"fmt"
	"strings"
)

// CrossTenantTables names tables that carry a tenant_id column but are read
// across tenants on purpose, each with the reason; RLSProblems skips them.
// Each holds no personal data, and each is explained in docs/SECURITY.md;
// adding to it needs a line there.
var CrossTenantTables = map[string]string{
	"donation_routes": "maps an opaque Stripe or receipt reference to the tenant that owns a donation, " +
		"so a webhook can open that tenant's scope",
	"stripe_events": "one row per Stripe event processed, keyed by Stripe's event id before the tenant is known",
	"group_hosts":   "which host receives a group's online donations; read by the public donation path",
	"group_figures": "maintained per-group aggregates that coordinators read side by side across a region",
	"group_changes": "one mark per group whose data changed, taken across groups by the rollup job",
	"group_months":  "maintained per-group monthly aggregates that coordinators' views sum across a region",
	"group_reports": "maintained per-group report rows per standard period that region reports read side by side",
}

// tenantPolicyMark is what every tenant policy compares tenant_id with.
const tenantPolicyMark = "current_setting('app.tenant_id'"

// RLSProblems lists, one sentence each, every table with a tenant_id column
// whose row-level security is missing or could be widened: RLS not enabled
// or not forced (owners would bypass it), no policy for all commands with
// both USING and WITH CHECK on the tenant setting, or a permissive policy
// that does not compare tenant_id with the setting (permissive policies are
// OR-ed, so one loose policy opens the table). PostgreSQL only.
func (d *DB) RLSProblems(ctx context.Context) ([]string, error) {
	type table struct {
		Name    string
		Enabled bool
		Forced  bool
	}
	var tables []table
	err := d.gorm.WithContext(ctx).Raw(`
		SELECT c.relname AS name, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced
		FROM pg_class c
		WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
		  AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid
		              AND a.attname = 'tenant_id' AND a.attnum > 0 AND NOT a.attisdropped)
		ORDER BY c.relname`).Scan(&tables).Error
	if err != nil {
		return nil, err
	}
	type policy struct {
		Table, Name, Permissive, Cmd, Qual, Check string
	}
	var policies []policy
	err = d.gorm.WithContext(ctx).Raw(`
		SELECT tablename AS "table", policyname AS name, permissive, cmd,
		       coalesce(qual, '') AS qual, coalesce(with_check, '') AS "check"
		FROM pg_policies WHERE schemaname = 'public'`).Scan(&policies).Error
	if err != nil {
		return nil, err
	}
	byTable := map[string][]policy{}
	for _, p := range policies {
		byTable[p.Table] = append(byTable[p.Table], p)
	}
	var out []string
	for _, t := range tables {
		if _, ok := CrossTenantTables[t.Name]; ok {
			continue
		}
		if !t.Enabled {
			out = append(out, fmt.Sprintf("%s: row-level security is not enabled", t.Name))
		}
		if !t.Forced {
			out = append(out, fmt.Sprintf("%s: row-level security is not forced (the owner bypasses it)", t.Name))
		}
		complete := false
		for _, p := range byTable[t.Name] {
			qualOK, checkOK := tenantExpr(p.Qual), tenantExpr(p.Check)
			if p.Cmd == "ALL" && qualOK && checkOK {
				complete = true
			}
			if p.Permissive == "PERMISSIVE" && p.Cmd == "SELECT" && p.Check == "" && ownRowsExpr(p.Qual) {
				continue // a person's own rows, read-only (see ownRowsExpr)
			}
			if p.Permissive == "PERMISSIVE" && ((p.Qual != "" && !qualOK) || (p.Check != "" && !checkOK)) {
				out = append(out, fmt.Sprintf("%s: permissive policy %s does not confine rows to app.tenant_id", t.Name, p.Name))
			}
		}
		if !complete {
			out = append(out, fmt.Sprintf("%s: no policy FOR ALL with USING and WITH CHECK on tenant_id = app.tenant_id", t.Name))
		}
	}
	return out, nil
}

// tenantExpr reports whether a policy expression is a plain comparison of
// tenant_id with the transaction's tenant setting (and nothing OR-ed to it).
func tenantExpr(expr string) bool {
	e := strings.ToLower(expr)
	return strings.HasPrefix(e, "(tenant_id = ") && strings.Contains(e, tenantPolicyMark) &&
		!strings.Contains(e, " or ")
}

// userPolicyMark is what a read-only policy on a person's own rows compares
// user_id with.
const userPolicyMark = "current_setting('app.user_id'"

// ownRowsExpr reports whether a policy expression is a plain comparison of
// user_id with the transaction's user setting: a transaction bound to one
// person (and to no tenant) may read that person's rows across tenants, such
// as the groups she belongs to, and nothing else.
func ownRowsExpr(expr string) bool {
	e := strings.ToLower(expr)
	return strings.HasPrefix(e, "(user_id = ") && strings.Contains(e, userPolicyMark) &&
		!strings.Contains(e, " or ")
}

// RoleProblems lists, one sentence each, every way the connected role could
// get around row-level security or the grants: being a superuser or
// BYPASSRLS, owning (or being able to become the owner of) a table,
// TRUNCATE, REFERENCES or TRIGGER on a table, CREATE in the schema,
// changing append-only tables, or touching the migration bookkeeping.
// PostgreSQL only.
func (d *DB) RoleProblems(ctx context.Context) ([]string, error) {
	g := d.gorm.WithContext(ctx)
	var out []string
	var role struct {
		Name             string
		Super, BypassRLS bool
	}
	if err := g.Raw(`SELECT rolname AS name, rolsuper AS super, rolbypassrls AS bypass_rls
		FROM pg_roles WHERE rolname = current_user`).Scan(&role).Error; err != nil {
		return nil, err
	}
	if role.Super {
		out = append(out, role.Name+" is a superuser")
	}
	if role.BypassRLS {
		out = append(out, role.Name+" has BYPASSRLS")
	}
	var rows []struct{ Name, Problem string }
	err := g.Raw(`
		SELECT c.relname AS name, p.problem
		FROM pg_class c
		CROSS JOIN LATERAL (VALUES
			(CASE WHEN pg_has_role(current_user, c.relowner, 'MEMBER') THEN 'is owned by the role or one it can become' END),
			(CASE WHEN c.relkind IN ('r', 'p') AND has_table_privilege(current_user, c.oid, 'TRUNCATE') THEN 'may be truncated' END),
			(CASE WHEN c.relkind IN ('r', 'p') AND has_table_privilege(current_user, c.oid, 'REFERENCES') THEN 'grants REFERENCES' END),
			(CASE WHEN c.relkind IN ('r', 'p') AND has_table_privilege(current_user, c.oid, 'TRIGGER') THEN 'grants TRIGGER' END),
			(CASE WHEN c.relname = ANY(?::text[]) AND (has_table_privilege(current_user, c.oid, 'UPDATE')
			      OR has_table_privilege(current_user, c.oid, 'DELETE')) THEN 'is append-only but may be changed' END),
			(CASE WHEN c.relname = ANY(?::text[]) AND (has_table_privilege(current_user, c.oid, 'SELECT')
			      OR has_table_privilege(current_user, c.oid, 'INSERT')) THEN 'is migration bookkeeping but readable or writable' END)
		) AS p(problem)
		WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
		  AND p.problem IS NOT NULL
		ORDER BY 1, 2`, pgTextArray(appendOnly), pgTextArray(migrationTables)).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		out = append(out, r.Name+" "+r.Problem)
	}
	var create bool
	if err := g.Raw(`SELECT has_schema_privilege(current_user, 'public', 'CREATE')`).Scan(&create).Error; err != nil {
		return nil, err
	}
	if create {
		out = append(out, role.Name+" may create objects in schema public")
	}
	return out, nil
}
