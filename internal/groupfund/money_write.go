package groupfund

import (
	"context"

	"github.com/peduli/peduli/internal/journal"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/registry"
)

// moneyWrite runs fn in one write transaction of the group, with the
// group's current data key held (so the amounts fn seals stay readable
// through a rotation) and the group's money lock taken (so a balance fn
// checks still holds at commit): the frame of every operation that seals
// a member's amount and posts to the journal.
func (s *Service) moneyWrite(ctx context.Context, scope db.Scope, fn func(t *db.Tenant, key registry.Key) error) error {
	return s.Keys.WithCurrent(ctx, scope, func(key registry.Key) error {
		return scope.Write(ctx, func(t *db.Tenant) error {
			if err := journal.Lock(t); err != nil {
				return err
			}
			if err := s.Keys.Hold(t, key.Version); err != nil {
				return err
			}
			return fn(t, key)
		})
	})
}
