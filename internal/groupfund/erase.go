package groupfund

import (
	"context"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/registry"
)

// Erase removes a member's amounts at her request in its own transaction;
// see EraseIn.
func (s *Service) Erase(ctx context.Context, scope db.Scope, beneficiaryID string) error {
	return scope.Write(ctx, func(t *db.Tenant) error {
		_, err := s.EraseBeneficiary(t, beneficiaryID)
		return err
	})
}

// ErasureTables names the group fund's tables that reference
// beneficiaries. An arisan round's member list keeps her place in the
// draw, which holds no amount.
func (s *Service) ErasureTables() []string {
	return []string{"savings_transactions", "loans", "arisan_contributions", "arisan_members", "iks_contributions"}
}

// EraseBeneficiary empties a member's sealed amounts inside the registry's
// erasure transaction: every savings, arisan and IKS amount, and the principal and repayments of
// every loan she has repaid in full. A loan she still owes keeps its
// amounts: the group needs them to collect what is owed (a contract the
// law lets it keep until settled). The journal keeps the group's
// anonymous totals; rows keep kind, day and receipt number, so receipt
// series have no gaps.
func (s *Service) EraseBeneficiary(t *db.Tenant, beneficiaryID string) ([]registry.Erased, error) {
	var erased []registry.Erased
	for _, m := range []struct {
		kind  string
		model any
	}{{"savings_amounts", &SavingsTx{}}, {"arisan_amounts", &ArisanContribution{}}, {"iks_amounts", &IKSContribution{}}} {
		res := t.DB().Model(m.model).Where("tenant_id = ? AND beneficiary_id = ?", t.ID, beneficiaryID).Update("amount_sealed", "")
		if res.Error != nil {
			return nil, res.Error
		}
		erased = append(erased, registry.Erased{Kind: m.kind, Count: int(res.RowsAffected)})
	}
	var loans []Loan
	if err := t.DB().Where("tenant_id = ? AND beneficiary_id = ?", t.ID, beneficiaryID).Find(&loans).Error; err != nil {
		return nil, err
	}
	settled := 0
	for i := range loans {
		l := &loans[i]
		reps, ok, err := s.openLoan(t, l)
		if err != nil {
			return nil, err
		}
		var paid []int64
		for _, r := range reps {
			paid = append(paid, r.Amount)
		}
		if st := standOn(l.Schedule(), paid, "9999-12-31"); ok && st.Outstanding+st.FeesOwed > 0 {
			continue
		}
		if err := t.DB().Model(&Repayment{}).Where("tenant_id = ? AND loan_id = ?", t.ID, l.ID).Update("amount_sealed", "").Error; err != nil {
			return nil, err
		}
		if err := t.DB().Model(&Loan{}).Where("tenant_id = ? AND id = ?", t.ID, l.ID).Update("principal_sealed", "").Error; err != nil {
			return nil, err
		}
		settled++
	}
	return append(erased, registry.Erased{Kind: "settled_loans", Count: settled}), nil
}

// Reseal re-encrypts the tenant's savings, loan, repayment, arisan and
// write-off amounts
// under next during a key rotation (the registry calls it inside the
// rotation's transaction). Amounts whose key is gone stay unreadable.
func (s *Service) Reseal(t *db.Tenant, next registry.Key) (int, error) {
	n := 0
	for _, tbl := range []struct {
		model  any
		table  string
		key    string
		column string
		aad    func(string) string
	}{
		{&SavingsTx{}, "savings_transactions", "id", "amount_sealed", savingsAAD},
		{&Loan{}, "loans", "id", "principal_sealed", loanAAD},
		{&Repayment{}, "loan_repayments", "id", "amount_sealed", repaymentAAD},
		{&ArisanContribution{}, "arisan_contributions", "id", "amount_sealed", arisanAAD},
		{&WriteOff{}, "loan_write_offs", "loan_id", "amount_sealed", writeOffAAD},
		{&IKSContribution{}, "iks_contributions", "id", "amount_sealed", iksAAD},
	} {
		var rows []struct {
			ID         string
			Sealed     string
			KeyVersion int
		}
		if err := t.DB().Table(tbl.table).Select(tbl.key+" AS id, "+tbl.column+" AS sealed, key_version").
			Where("tenant_id = ? AND key_version <> ? AND "+tbl.column+" <> ''", t.ID, next.Version).Scan(&rows).Error; err != nil {
			return n, err
		}
		for _, r := range rows {
			v, ok, err := s.openAmount(t, r.Sealed, r.KeyVersion, tbl.aad(r.ID))
			if err != nil {
				return n, err
			}
			if !ok {
				continue
			}
			if err := t.DB().Model(tbl.model).Where("tenant_id = ? AND "+tbl.key+" = ?", t.ID, r.ID).Updates(map[string]any{
				tbl.column: sealAmount(next, v, tbl.aad(r.ID)), "key_version": next.Version}).Error; err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}
