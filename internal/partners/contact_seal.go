package partners

import (
	"errors"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/sealed"
	"github.com/peduli/peduli/internal/registry"
)

// A contact's phone and email name a person, so they are sealed with the
// tenant's data key like the registry's personal fields. Rows written
// before sealing keep them in the clear columns and read from there.

// contactAAD binds a sealed value to its row and column.
func contactAAD(column, id string) string { return "partners." + column + ":" + id }

// sealContact returns p as stored: phone and email sealed under key, their
// clear columns empty.
func sealContact(p Partner, key registry.Key) Partner {
	p.ContactPhoneSealed = sealed.SealString(key.DK, p.ContactPhone, contactAAD("contact_phone", p.ID))
	p.ContactEmailSealed = sealed.SealString(key.DK, p.ContactEmail, contactAAD("contact_email", p.ID))
	p.KeyVersion, p.ContactPhone, p.ContactEmail = key.Version, "", ""
	return p
}

// openContact puts p's sealed phone and email into the clear fields. When
// the key was destroyed they read as empty: the contact is gone.
func (s *Service) openContact(t *db.Tenant, p *Partner) error {
	if p.ContactPhoneSealed == "" && p.ContactEmailSealed == "" {
		return nil
	}
	dk, err := s.Keys.Version(t, p.KeyVersion)
	if errors.Is(err, registry.ErrKeyDestroyed) {
		p.ContactPhone, p.ContactEmail = "", ""
		return nil
	}
	if err != nil {
		return err
	}
	phone, err1 := sealed.OpenString(dk, p.ContactPhoneSealed, contactAAD("contact_phone", p.ID))
	email, err2 := sealed.OpenString(dk, p.ContactEmailSealed, contactAAD("contact_email", p.ID))
	if err := errors.Join(err1, err2); err != nil && !errors.Is(err, sealed.ErrDecrypt) {
		return err
	}
	p.ContactPhone, p.ContactEmail = phone, email
	return nil
}

// Reseal re-encrypts the tenant's partner contacts under next during a key
// rotation (the registry calls it inside the rotation's transaction).
// Contacts whose key is already gone stay unreadable.
func (s *Service) Reseal(t *db.Tenant, next registry.Key) (int, error) {
	var rows []Partner
	if err := t.DB().Where("tenant_id = ? AND key_version <> ? AND (contact_phone_sealed <> '' OR contact_email_sealed <> '')",
		t.ID, next.Version).Find(&rows).Error; err != nil {
		return 0, err
	}
	n := 0
	for i := range rows {
		if _, err := s.Keys.Version(t, rows[i].KeyVersion); errors.Is(err, registry.ErrKeyDestroyed) {
			continue
		}
		if err := s.openContact(t, &rows[i]); err != nil {
			return n, err
		}
		p := sealContact(rows[i], next)
		if err := t.DB().Model(&Partner{}).Where("tenant_id = ? AND id = ?", t.ID, p.ID).Updates(map[string]any{
			"contact_phone_sealed": p.ContactPhoneSealed, "contact_email_sealed": p.ContactEmailSealed, "key_version": p.KeyVersion,
		}).Error; err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
