package enterprises

import (
	"context"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/registry"
)

// MonthlyIncome answers, inside the caller's tenant transaction, a member's
// income per month (YYYY-MM) from her enterprise books: the sum of the
// profits of every enterprise with a book for that month, never below
// zero (a loss month is no income, not a debt of the household). Months
// with no book are absent. The programs feature calls it for progress and
// graduation; the caller audits the read.
func (s *Service) MonthlyIncome(t *db.Tenant, beneficiaryID string) (map[string]int64, error) {
	var rows []Book
	err := t.DB().Where("tenant_id = ? AND enterprise_id IN (?)", t.ID,
		t.DB().Model(&Enterprise{}).Select("id").Where("tenant_id = ? AND beneficiary_id = ?", t.ID, beneficiaryID)).
		Find(&rows).Error
	if err != nil {
		return nil, err
	}
	if rows, err = s.openAll(t, rows); err != nil {
		return nil, err
	}
	out := map[string]int64{}
	for _, b := range rows {
		out[b.Period] += b.Figures.Profit()
	}
	for p, v := range out {
		if v < 0 {
			out[p] = 0
		}
	}
	return out, nil
}

// Erase removes a member's enterprise books at her request in its own
// transaction; see EraseBeneficiary.
func (s *Service) Erase(ctx context.Context, scope db.Scope, beneficiaryID string) error {
	return scope.Write(ctx, func(t *db.Tenant) error {
		_, err := s.EraseBeneficiary(t, beneficiaryID)
		return err
	})
}

// ErasureTables names the enterprise tables that reference beneficiaries
// (books and assistance reference her enterprises).
func (s *Service) ErasureTables() []string { return []string{"enterprises"} }

// EraseBeneficiary removes a member's enterprise books (her income) inside
// the registry's erasure transaction. The enterprises stay with their kind
// and start, so counts of enterprises stay right; their names, places and
// workers, which may name her household, are cleared.
func (s *Service) EraseBeneficiary(t *db.Tenant, beneficiaryID string) ([]registry.Erased, error) {
	ids := t.DB().Model(&Enterprise{}).Select("id").Where("tenant_id = ? AND beneficiary_id = ?", t.ID, beneficiaryID)
	books := t.DB().Where("tenant_id = ? AND enterprise_id IN (?)", t.ID, ids).Delete(&Book{})
	if books.Error != nil {
		return nil, books.Error
	}
	// Assistance keeps its link to the ledger (the group's spending stays
	// accounted for) but loses the amount she received.
	capital := t.DB().Model(&Capital{}).Where("tenant_id = ? AND enterprise_id IN (?)", t.ID, ids).Update("amount_sealed", "")
	if capital.Error != nil {
		return nil, capital.Error
	}
	ents := t.DB().Model(&Enterprise{}).Where("tenant_id = ? AND beneficiary_id = ?", t.ID, beneficiaryID).
		Updates(map[string]any{"name": "-", "location": "", "workers": ""})
	if ents.Error != nil {
		return nil, ents.Error
	}
	return []registry.Erased{
		{Kind: "enterprise_books", Count: int(books.RowsAffected)},
		{Kind: "capital_amounts", Count: int(capital.RowsAffected)},
		{Kind: "enterprises_cleared", Count: int(ents.RowsAffected)},
	}, nil
}
