package db

import (
	"context"
	"fmt"
	"net/url"
	"strings"
)

// appendOnly tables keep history: the serving role may add rows, never
// change or remove them.
var appendOnly = []string{"audit_events"}

// GrantApp gives the serving role exactly what serving needs after a
// migration as the owner: data access on every table, sequences for
// generated keys, no DDL, nothing on the migration bookkeeping, and no
// UPDATE or DELETE on append-only tables.
func (d *DB) GrantApp(ctx context.Context, role string) error {
	r := quoteIdent(role)
	stmts := []string{
		"GRANT USAGE ON SCHEMA public TO " + r,
		"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + r,
		"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO " + r,
		"REVOKE ALL ON goose_db_version FROM " + r,
	}
	for _, t := range appendOnly {
		stmts = append(stmts, "REVOKE UPDATE, DELETE, TRUNCATE ON "+quoteIdent(t)+" FROM "+r)
	}
	for _, s := range stmts {
		if err := d.gorm.WithContext(ctx).Exec(s).Error; err != nil {
			return fmt.Errorf("grant %s: %w", role, err)
		}
	}
	return nil
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
