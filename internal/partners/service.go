package partners

import (
	"context"
	"time"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/registry"
)

// Service owns a group's partners. withContact says whether the caller's
// role reads people (and so sees contact persons).
type Service struct {
	// Keys seal and open contacts' phones and emails with the tenant's
	// data key (the registry's keyring).
	Keys *registry.Keyring
	Now  func() time.Time
}

// Partners lists the group's partners by name.
func (s *Service) Partners(ctx context.Context, scope db.Scope, withContact bool) ([]View, error) {
	var rows []Partner
	err := scope.Read(ctx, func(t *db.Tenant) error {
		if err := t.DB().Where("tenant_id = ?", t.ID).Order("name, id").Find(&rows).Error; err != nil || !withContact {
			return err
		}
		for i := range rows {
			if err := s.openContact(t, &rows[i]); err != nil {
				return err
			}
		}
		return nil
	})
	out := make([]View, len(rows))
	today := clock.Today(s.Now(), clock.Zone)
	for i := range rows {
		out[i] = rows[i].view(withContact, today)
	}
	return out, err
}

// Partner returns one partner.
func (s *Service) Partner(ctx context.Context, scope db.Scope, id string, withContact bool) (*View, error) {
	var p *Partner
	err := scope.Read(ctx, func(t *db.Tenant) error {
		var err error
		if p, err = find(t, id); err != nil || !withContact {
			return err
		}
		return s.openContact(t, p)
	})
	if err != nil {
		return nil, err
	}
	v := p.view(withContact, clock.Today(s.Now(), clock.Zone))
	return &v, nil
}

// Create adds a partner; kind and name are required.
func (s *Service) Create(ctx context.Context, scope db.Scope, actor audit.Actor, in Input) (*View, error) {
	now := s.Now()
	p := &Partner{TenantID: scope.TenantID(), ID: db.NewID(), CreatedAt: now, UpdatedAt: now}
	if actor.UserID != "" {
		p.CreatedBy = &actor.UserID
	}
	fields, err := in.apply(p)
	if err != nil {
		return nil, err
	}
	err = s.Keys.WithCurrent(ctx, scope, func(key registry.Key) error {
		return scope.Write(ctx, func(t *db.Tenant) error {
			if err := s.Keys.Hold(t, key.Version); err != nil {
				return err
			}
			stored := sealContact(*p, key)
			if err := t.DB().Create(&stored).Error; err != nil {
				return err
			}
			return audit.Record(t, actor, audit.Create, "partner", p.ID, fields...)
		})
	})
	if err != nil {
		return nil, err
	}
	v := p.view(true, clock.Today(now, clock.Zone))
	return &v, nil
}

// Update changes the given fields of a partner.
func (s *Service) Update(ctx context.Context, scope db.Scope, actor audit.Actor, id string, in Input, withContact bool) (*View, error) {
	var p *Partner
	err := s.Keys.WithCurrent(ctx, scope, func(key registry.Key) error {
		return scope.Write(ctx, func(t *db.Tenant) error {
			var err error
			if p, err = find(t, id); err != nil {
				return err
			}
			if err := s.openContact(t, p); err != nil {
				return err
			}
			fields, err := in.apply(p)
			if err != nil || len(fields) == 0 {
				return err
			}
			if err := s.Keys.Hold(t, key.Version); err != nil {
				return err
			}
			p.UpdatedAt = s.Now()
			stored := sealContact(*p, key)
			if err := t.DB().Where("tenant_id = ? AND id = ?", t.ID, id).Select("*").Updates(&stored).Error; err != nil {
				return err
			}
			return audit.Record(t, actor, audit.Update, "partner", id, fields...)
		})
	})
	if err != nil {
		return nil, err
	}
	v := p.view(withContact, clock.Today(s.Now(), clock.Zone))
	return &v, nil
}

// Delete removes a partner.
func (s *Service) Delete(ctx context.Context, scope db.Scope, actor audit.Actor, id string) error {
	return scope.Write(ctx, func(t *db.Tenant) error {
		if _, err := find(t, id); err != nil {
			return err
		}
		if err := t.DB().Where("tenant_id = ? AND id = ?", t.ID, id).Delete(&Partner{}).Error; err != nil {
			return err
		}
		return audit.Record(t, actor, audit.Delete, "partner", id)
	})
}

// find returns the tenant's partner with id.
func find(t *db.Tenant, id string) (*Partner, error) {
	if !db.ValidID(id) {
		return nil, errs.ErrNotFound
	}
	var p Partner
	err := t.DB().Where("tenant_id = ? AND id = ?", t.ID, id).Take(&p).Error
	if db.IsNotFound(err) {
		return nil, errs.ErrNotFound
	}
	return &p, err
}
