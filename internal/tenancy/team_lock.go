package tenancy

import (
	"context"

	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/platform/db"
)

// lockTeam runs fn while no other change to the tenant's team runs, on any
// replica, and hands it the team as stored. On PostgreSQL a transaction-level
// advisory lock keyed by the tenant serialises replicas (the role writes go
// through casbin's own connection while the lock is held); the embedded
// database serves one process, where the mutex is enough.
func (s *Service) lockTeam(ctx context.Context, tenantID string, fn func(team map[string]access.Role) error) error {
	s.teamMu.Lock()
	defer s.teamMu.Unlock()
	if s.DB.Dialect != db.Postgres {
		team, err := access.StoredTeam(s.DB.Global(ctx), tenantID)
		if err != nil {
			return err
		}
		return fn(team)
	}
	return s.DB.GlobalTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Exec("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", "team:"+tenantID).Error; err != nil {
			return err
		}
		team, err := access.StoredTeam(tx, tenantID)
		if err != nil {
			return err
		}
		return fn(team)
	})
}

// ownersIn counts the owners of a stored team.
func ownersIn(team map[string]access.Role) int {
	n := 0
	for _, r := range team {
		if r == access.Owner {
			n++
		}
	}
	return n
}
