package db

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"gorm.io/gorm"
)

// appendOnly tables keep history: the serving role may add and read rows,
// never change or remove them.
var appendOnly = []string{"audit_events", "beneficiary_consents", "ledger_entries", "ledger_approvals", "stripe_events", "verification_decisions",
	"journal_entries", "journal_lines"}

// migrationTables are goose's bookkeeping: the serving role gets nothing on
// them, so it cannot fake or roll back the schema's history.
var migrationTables = []string{"goose_db_version"}

// jobMigrationTables are the job queue's schema history, likewise withheld
// (its other tables are served like ours; none is a tenant table).
var jobMigrationTables = []string{"river_migration"}

// GrantApp gives the serving role exactly what serving needs after a
// migration as the owner, in one transaction so a replica that is serving
// meanwhile never sees a half-granted state: it first takes every privilege
// away (including ones an older release granted), then grants SELECT,
// INSERT, UPDATE and DELETE on every table — never TRUNCATE, REFERENCES or
// TRIGGER, which bypass or outlive row-level security — USAGE on sequences
// for generated keys, INSERT and SELECT only on append-only tables, and
// nothing on the migration bookkeeping. Row-level security, not grants,
// keeps tenants apart; the grants keep the role from changing the rules.
func (d *DB) GrantApp(ctx context.Context, role string) error {
	r := quoteIdent(role)
	stmts := []string{
		"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM " + r,
		"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM " + r,
		"REVOKE CREATE ON SCHEMA public FROM " + r,
		"GRANT USAGE ON SCHEMA public TO " + r,
		"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + r,
		"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO " + r,
	}
	for _, t := range migrationTables {
		stmts = append(stmts, "REVOKE ALL ON "+quoteIdent(t)+" FROM "+r)
	}
	for _, t := range jobMigrationTables {
		stmts = append(stmts, "REVOKE ALL ON "+quoteIdent(t)+" FROM "+r)
	}
	for _, t := range appendOnly {
		stmts = append(stmts, "REVOKE UPDATE, DELETE ON "+quoteIdent(t)+" FROM "+r)
	}
	return d.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for _, s := range stmts {
			if err := tx.Exec(s).Error; err != nil {
				return fmt.Errorf("grant %s: %w", role, err)
			}
		}
		// goose's id sequence belongs to its bookkeeping too.
		var seqs []string
		if err := tx.Raw(`SELECT coalesce(pg_get_serial_sequence(quote_ident(t), 'id'), '') FROM unnest(?::text[]) AS t`,
			pgTextArray(migrationTables)).Scan(&seqs).Error; err != nil {
			return fmt.Errorf("grant %s: %w", role, err)
		}
		for _, s := range seqs {
			if s == "" {
				continue
			}
			if err := tx.Exec("REVOKE ALL ON SEQUENCE " + s + " FROM " + r).Error; err != nil {
				return fmt.Errorf("grant %s: %w", role, err)
			}
		}
		return nil
	})
}

// UserOf returns the user name in a PostgreSQL URL.
func UserOf(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || u.User == nil {
		return ""
	}
	return u.User.Username()
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// pgTextArray renders names as a PostgreSQL text[] literal; the names are
// our own table names, and quoting keeps any of them one element.
func pgTextArray(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = `"` + strings.ReplaceAll(strings.ReplaceAll(n, `\`, `\\`), `"`, `\"`) + `"`
	}
	return "{" + strings.Join(q, ",") + "}"
}
