package app

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/peduli/peduli/internal/platform/db"
)

// openServing connects as the serving role and refuses to serve when that
// role could get around row-level security (a superuser, BYPASSRLS, a table
// owner, TRUNCATE…): with two URLs configured the operator meant the
// database to be the second wall, and a wrong role would silently remove it.
func openServing(ctx context.Context, url string, log *slog.Logger) (*db.DB, error) {
	d, err := db.OpenPostgres(url, db.Options{Logger: log})
	if err != nil {
		return nil, err
	}
	problems, err := d.RoleProblems(ctx)
	if err != nil {
		_ = d.Close()
		return nil, fmt.Errorf("check the serving role: %w", err)
	}
	if len(problems) > 0 {
		_ = d.Close()
		return nil, fmt.Errorf("the role in PEDULI_DATABASE_URL must not be able to bypass row-level security "+
			"(see docs/SECURITY.md): %s", strings.Join(problems, "; "))
	}
	return d, nil
}
