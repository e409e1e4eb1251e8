package journal

import (
	"context"
	"fmt"

	"github.com/peduli/peduli/internal/platform/db"
)

// AccountBalance is one line of a trial balance: the account's net balance
// on the side it falls.
type AccountBalance struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	NameEN string `json:"name_en"`
	Debit  int64  `json:"debit"`
	Credit int64  `json:"credit"`
}

// TrialBalance lists every account of the chart with its balance; Debit
// and Credit are the column totals, equal whenever the book is whole.
type TrialBalance struct {
	Accounts []AccountBalance `json:"accounts"`
	Debit    int64            `json:"debit"`
	Credit   int64            `json:"credit"`
}

// Service reads a group's journal. Writes happen through Post and Reverse
// inside the transaction of the feature that moves the money.
type Service struct{}

// TrialBalance sums the group's journal per account. It holds group totals
// only, nobody's personal amounts, so it is not an audited read.
func (s *Service) TrialBalance(ctx context.Context, scope db.Scope) (*TrialBalance, error) {
	var sums map[string]Sum
	err := scope.Read(ctx, func(t *db.Tenant) error {
		var err error
		sums, err = Sums(t)
		return err
	})
	if err != nil {
		return nil, err
	}
	tb := &TrialBalance{Accounts: make([]AccountBalance, 0, len(Chart))}
	for _, a := range Chart {
		ab := AccountBalance{Code: a.Code, Name: a.Name, NameEN: a.NameEN}
		if net := sums[a.Code].Debit - sums[a.Code].Credit; net >= 0 {
			ab.Debit = net
		} else {
			ab.Credit = -net
		}
		tb.Debit += ab.Debit
		tb.Credit += ab.Credit
		tb.Accounts = append(tb.Accounts, ab)
	}
	return tb, nil
}

// Sum is what an account has been debited and credited in all.
type Sum struct{ Debit, Credit int64 }

// Sums returns every account's posted debits and credits.
func Sums(t *db.Tenant) (map[string]Sum, error) {
	var rows []struct {
		Account       string
		Debit, Credit int64
	}
	if err := t.DB().Model(&Line{}).Select("account, COALESCE(SUM(debit), 0) AS debit, COALESCE(SUM(credit), 0) AS credit").
		Where("tenant_id = ?", t.ID).Group("account").Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("journal: sums: %w", err)
	}
	out := make(map[string]Sum, len(rows))
	for _, r := range rows {
		out[r.Account] = Sum{Debit: r.Debit, Credit: r.Credit}
	}
	return out, nil
}

// Balance is an account's balance on its normal side: debits less credits
// for assets and expenses, credits less debits for the rest.
func Balance(t *db.Tenant, code string) (int64, error) {
	sums, err := Sums(t)
	if err != nil {
		return 0, err
	}
	s := sums[code]
	if a, _ := AccountOf(code); a.DebitNormal {
		return s.Debit - s.Credit, nil
	}
	return s.Credit - s.Debit, nil
}
