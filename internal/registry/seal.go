package registry

import (
	"errors"
	"strconv"

	"github.com/peduli/peduli/internal/platform/sealed"
)

// aad names where a sealed value lives, so a ciphertext copied to another
// column or row no longer opens.
func aad(table, column, id string) string { return table + "." + column + ":" + id }

// sealPersonal encrypts p into b under key and sets the blind indexes.
func sealPersonal(b *Beneficiary, key Key, p Personal) {
	s := func(col, v string) string { return sealed.SealString(key.DK, v, aad("beneficiaries", col, b.ID)) }
	b.KeyVersion = key.Version
	b.NIKSealed = s("nik", p.NIK)
	b.KKSealed = s("kk", p.KK)
	b.BirthDateSealed = s("birth_date", p.BirthDate)
	b.PhoneSealed = s("phone", p.Phone)
	b.AddressSealed = s("address", p.Address)
	b.IncomeSealed, b.DisabilitySealed = "", ""
	if p.MonthlyIncome != nil {
		b.IncomeSealed = s("income", strconv.FormatInt(*p.MonthlyIncome, 10))
	}
	if p.Disability != nil {
		b.DisabilitySealed = s("disability", strconv.FormatBool(*p.Disability))
	}
	b.NIKIndex, b.KKIndex = blindIndex(key, "nik", p.NIK), blindIndex(key, "kk", p.KK)
}

func blindIndex(key Key, purpose, value string) *string {
	if value == "" {
		return nil
	}
	ix := key.DK.BlindIndex(purpose, value)
	return &ix
}

// openPersonal decrypts b's personal fields with dk. Any failure is
// sealed.ErrDecrypt and nothing is returned.
func openPersonal(b *Beneficiary, dk sealed.DataKey) (Personal, error) {
	var p Personal
	var firstErr error
	o := func(col, v string) string {
		out, err := sealed.OpenString(dk, v, aad("beneficiaries", col, b.ID))
		if err != nil && firstErr == nil {
			firstErr = err
		}
		return out
	}
	p.NIK = o("nik", b.NIKSealed)
	p.KK = o("kk", b.KKSealed)
	p.BirthDate = o("birth_date", b.BirthDateSealed)
	p.Phone = o("phone", b.PhoneSealed)
	p.Address = o("address", b.AddressSealed)
	if s := o("income", b.IncomeSealed); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil && firstErr == nil {
			firstErr = sealed.ErrDecrypt
		}
		p.MonthlyIncome = &n
	}
	if s := o("disability", b.DisabilitySealed); s != "" {
		v := s == "true"
		p.Disability = &v
	}
	if firstErr != nil {
		return Personal{}, firstErr
	}
	return p, nil
}

// hasSealed reports whether b holds any sealed value.
func hasSealed(b *Beneficiary) bool {
	return b.NIKSealed != "" || b.KKSealed != "" || b.BirthDateSealed != "" || b.PhoneSealed != "" ||
		b.AddressSealed != "" || b.IncomeSealed != "" || b.DisabilitySealed != ""
}

// isUnreadable reports whether err means the data is gone for good rather
// than a failure worth a 5xx.
func isUnreadable(err error) bool {
	return errors.Is(err, ErrKeyDestroyed) || errors.Is(err, sealed.ErrDecrypt)
}
