package groupfund

import (
	"time"

	"github.com/peduli/peduli/internal/platform/db"
)

// Loan methods: a flat monthly service fee (jasa) on the principal, or a
// fee on the declining balance (bunga menurun: equal principal each month,
// the fee on what is still owed).
const (
	Flat      = "flat"
	Declining = "declining"
)

// Installment is one month of a loan's schedule, in IDR minor units.
type Installment struct {
	No        int     `json:"no"`
	DueOn     db.Date `json:"due_on"`
	Principal int64   `json:"principal"`
	Fee       int64   `json:"fee"`
}

// rupiah is one Rupiah in minor units: installments are whole Rupiah, the
// last one takes what rounding left.
const rupiah = 100

// Schedule computes a loan's installments from its terms. It is derived,
// never stored, so it cannot disagree with the terms. feeBP is the monthly
// fee in hundredths of a percent (150 = 1.5 % a month).
func Schedule(principal int64, feeBP, term int, method string, disbursed db.Date) []Installment {
	out := make([]Installment, term)
	each := principal / int64(term) / rupiah * rupiah
	left := principal
	for i := range term {
		p := each
		if i == term-1 {
			p = left
		}
		base := principal // flat: the fee is on the original principal
		if method == Declining {
			base = left
		}
		out[i] = Installment{No: i + 1, DueOn: addMonths(disbursed, i+1), Principal: p, Fee: fee(base, feeBP)}
		left -= p
	}
	return out
}

// fee is base × feeBP / 10 000, rounded to the nearest whole Rupiah.
func fee(base int64, feeBP int) int64 {
	f := base * int64(feeBP)
	return (f/10_000 + rupiah/2) / rupiah * rupiah
}

// addMonths returns the same day n months later, or the month's last day
// when it has no such day (31 January + 1 month = 28 or 29 February).
func addMonths(d db.Date, n int) db.Date {
	t := d.Time()
	first := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, n, 0)
	last := first.AddDate(0, 1, -1).Day()
	day := t.Day()
	if day > last {
		day = last
	}
	return db.CalendarDate(time.Date(first.Year(), first.Month(), day, 0, 0, 0, 0, time.UTC))
}
