package funds

import (
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
)

// ExpenseIn returns the amount of an expense of the tenant's ledger that
// counts (approved when it needed approval, and not reversed) inside the
// caller's transaction, for features that say where spending went
// (capital assistance to members' enterprises). errs.ErrNotFound when the
// ledger has no such expense.
func ExpenseIn(t *db.Tenant, id string) (int64, error) {
	if !db.ValidID(id) {
		return 0, errs.ErrNotFound
	}
	var e LedgerEntry
	err := t.DB().Where("tenant_id = ? AND id = ? AND kind = ? AND amount > 0", t.ID, id, "expense").Take(&e).Error
	if db.IsNotFound(err) {
		return 0, errs.ErrNotFound
	}
	if err != nil {
		return 0, err
	}
	var reversed, approved int64
	if err := t.DB().Model(&LedgerEntry{}).Where("tenant_id = ? AND reverses_id = ?", t.ID, id).Count(&reversed).Error; err != nil {
		return 0, err
	}
	if err := t.DB().Model(&Approval{}).Where("tenant_id = ? AND entry_id = ?", t.ID, id).Count(&approved).Error; err != nil {
		return 0, err
	}
	if reversed > 0 || (e.NeedsApproval && approved == 0) {
		return 0, errs.ErrNotFound
	}
	return e.Amount, nil
}
