package groupfund

import (
	"context"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/journal"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/registry"
)

// MemberSavings is a member's savings: balances by kind and her deposits
// and withdrawals (a passbook), oldest first.
type MemberSavings struct {
	BeneficiaryID string          `json:"beneficiary_id"`
	Balances      Balances        `json:"balances"`
	Transactions  []SavingsTxView `json:"transactions"`
}

// MemberSavings reads a member's savings: an audited read of personal amounts.
func (s *Service) MemberSavings(ctx context.Context, scope db.Scope, actor audit.Actor, beneficiaryID string) (*MemberSavings, error) {
	if !db.ValidID(beneficiaryID) {
		return nil, errs.ErrNotFound
	}
	out := &MemberSavings{BeneficiaryID: beneficiaryID, Transactions: []SavingsTxView{}}
	err := scope.Write(ctx, func(t *db.Tenant) error {
		if err := registry.Active(t, beneficiaryID); err != nil {
			return err
		}
		rows, _, err := s.memberSavings(t, beneficiaryID)
		if err != nil {
			return err
		}
		for i := range rows {
			x := &rows[i]
			if x.Direction == Withdrawal {
				out.Balances.add(x.Kind, -x.Amount)
			} else {
				out.Balances.add(x.Kind, x.Amount)
			}
			out.Transactions = append(out.Transactions, x.view(out.Balances.Of(x.Kind)))
		}
		return audit.Record(t, actor, audit.ReadPersonal, "beneficiary", beneficiaryID, "savings")
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// GroupSavings is the group's savings held for all members, from the
// journal: totals only, no member's amount.
func (s *Service) GroupSavings(ctx context.Context, scope db.Scope) (*Balances, error) {
	var b Balances
	err := scope.Read(ctx, func(t *db.Tenant) error {
		sums, err := journal.Sums(t)
		if err != nil {
			return err
		}
		for _, k := range Kinds {
			sum := sums[savingsAccount[k]]
			b.add(k, sum.Credit-sum.Debit)
		}
		return nil
	})
	return &b, err
}
