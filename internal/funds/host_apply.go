package funds

import (
	"context"
	"errors"

	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/provision"
)

// ApplyHosts upserts the hosts the tenants directory declares. It writes
// only rows that differ and never touches secrets an admin registered.
func (s *Service) ApplyHosts(ctx context.Context, b *provision.Bundle) error {
	return s.DB.GlobalTx(ctx, func(tx *gorm.DB) error {
		for _, ph := range b.Hosts {
			want := Host{Key: ph.Key, Name: ph.Name, IsDefault: ph.Default, StripeAccount: ph.StripeAccount,
				PermitNumber: ph.Permit.Number, PermitArea: ph.Permit.Area,
				ValidFrom: ph.Permit.ValidFrom, ValidUntil: ph.Permit.ValidUntil}
			var old Host
			err := tx.Where("key = ?", ph.Key).Take(&old).Error
			if errors.Is(err, gorm.ErrRecordNotFound) {
				now := s.Now()
				want.CreatedAt, want.UpdatedAt = now, now
				if want.IsDefault {
					// the unique index allows one default; the file now names another
					if err := tx.Model(&Host{}).Where("is_default = ?", true).Update("is_default", false).Error; err != nil {
						return err
					}
				}
				if err := tx.Create(&want).Error; err != nil {
					return err
				}
				continue
			}
			if err != nil {
				return err
			}
			if sameHost(old, want) {
				continue
			}
			if want.IsDefault && !old.IsDefault {
				if err := tx.Model(&Host{}).Where("is_default = ? AND key <> ?", true, want.Key).Update("is_default", false).Error; err != nil {
					return err
				}
			}
			if err := tx.Model(&Host{}).Where("key = ?", want.Key).Updates(map[string]any{
				"name": want.Name, "is_default": want.IsDefault, "stripe_account": want.StripeAccount,
				"permit_number": want.PermitNumber, "permit_area": want.PermitArea,
				"valid_from": want.ValidFrom, "valid_until": want.ValidUntil, "updated_at": s.Now(),
			}).Error; err != nil {
				return err
			}
		}
		return nil
	})
}

func sameHost(a, b Host) bool {
	return a.Name == b.Name && a.IsDefault == b.IsDefault && a.StripeAccount == b.StripeAccount &&
		a.PermitNumber == b.PermitNumber && a.PermitArea == b.PermitArea &&
		day(a.ValidFrom) == day(b.ValidFrom) && day(a.ValidUntil) == day(b.ValidUntil)
}

// ApplyGroupHosts attaches each declared group that names a host to it;
// groups naming none use the default host and need no row.
func (s *Service) ApplyGroupHosts(ctx context.Context, b *provision.Bundle) error {
	for _, g := range b.Groups {
		if g.Host == "" {
			continue
		}
		t, err := s.Tenancy.Store.TenantBySlug(ctx, g.Slug)
		if errors.Is(err, errs.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		var have GroupHost
		err = s.DB.Global(ctx).Where("tenant_id = ?", t.ID).Take(&have).Error
		if err == nil && have.HostKey == g.Host {
			continue
		}
		if err := s.DB.GlobalTx(ctx, func(tx *gorm.DB) error {
			return attachGroup(tx, GroupHost{TenantID: t.ID, HostKey: g.Host, AttachedAt: s.Now()})
		}); err != nil {
			return err
		}
	}
	return nil
}

// day cuts a date the database returned as a timestamp back to YYYY-MM-DD.
func day(s string) string {
	if len(s) > 10 {
		return s[:10]
	}
	return s
}
