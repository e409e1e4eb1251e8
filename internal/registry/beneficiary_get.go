package registry

import (
	"context"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
)

// Get returns one beneficiary. With personal set (the caller's role may
// read personal data) every personal field is shown in clear and the read
// is written to the audit log; otherwise NIK and phone are masked.
func (s *Service) Get(ctx context.Context, scope db.Scope, actor audit.Actor, id string, personal bool) (View, error) {
	var v View
	err := readFor(scope, personal)(ctx, func(t *db.Tenant) error {
		b, err := load(t, id)
		if err != nil {
			return err
		}
		v, err = s.view(t, b, personal)
		if err != nil || !personal || v.PersonalData != PersonalFull {
			return err
		}
		return audit.Record(t, actor, audit.ReadPersonal, EntityBeneficiary, b.ID)
	})
	return v, err
}

// view opens b's personal fields and builds the full or masked view; an
// erased record or one whose key is gone gets a view that says so.
func (s *Service) view(t *db.Tenant, b *Beneficiary, full bool) (View, error) {
	if b.ErasedAt != nil {
		return goneView(b, PersonalErased), nil
	}
	if !hasSealed(b) {
		if full {
			return fullView(b, Personal{}), nil
		}
		return maskedView(b, Personal{}), nil
	}
	p, err := s.open(t, b)
	if isUnreadable(err) {
		return goneView(b, PersonalUnavailable), nil
	}
	if err != nil {
		return View{}, err
	}
	if full {
		return fullView(b, p), nil
	}
	return maskedView(b, p), nil
}

// open decrypts b's personal fields with the key it was sealed under.
func (s *Service) open(t *db.Tenant, b *Beneficiary) (Personal, error) {
	dk, err := s.Keys.Version(t, b.KeyVersion)
	if err != nil {
		return Personal{}, err
	}
	return openPersonal(b, dk)
}
