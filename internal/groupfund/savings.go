package groupfund

import (
	"github.com/peduli/peduli/internal/journal"
	"github.com/peduli/peduli/internal/platform/db"
)

// Savings kinds: simpanan pokok (once, on joining), wajib (every meeting or
// month) and sukarela (voluntary).
const (
	Pokok    = "pokok"
	Wajib    = "wajib"
	Sukarela = "sukarela"
)

// Kinds are the savings kinds in the order pages show them.
var Kinds = []string{Pokok, Wajib, Sukarela}

// savingsAccount is the journal account holding members' savings of kind.
var savingsAccount = map[string]string{Pokok: journal.SavingsPokok, Wajib: journal.SavingsWajib, Sukarela: journal.SavingsSukarela}

// Directions of a savings transaction.
const (
	Deposit    = "deposit"
	Withdrawal = "withdrawal"
)

// SavingsTx is one row of savings_transactions; Amount is clear only in
// memory.
type SavingsTx struct {
	TenantID      string `gorm:"primaryKey"`
	ID            string `gorm:"primaryKey"`
	BeneficiaryID string
	Kind          string
	Direction     string
	CashRecord
	Amount int64 `gorm:"-"`
}

// TableName is savings_transactions.
func (SavingsTx) TableName() string { return "savings_transactions" }

func savingsAAD(id string) string { return "savings_transactions.amount:" + id }

// SavingsTxView is a deposit or withdrawal as the API shows it.
type SavingsTxView struct {
	ID            string  `json:"id"`
	BeneficiaryID string  `json:"beneficiary_id"`
	Kind          string  `json:"kind"`
	Direction     string  `json:"direction"`
	Amount        int64   `json:"amount"`
	PaidOn        db.Date `json:"paid_on"`
	ReceiptNo     string  `json:"receipt_no"`
	// Balance is the member's balance of this kind after it.
	Balance int64 `json:"balance"`
}

func (x *SavingsTx) view(balance int64) SavingsTxView {
	return SavingsTxView{ID: x.ID, BeneficiaryID: x.BeneficiaryID, Kind: x.Kind, Direction: x.Direction,
		Amount: x.Amount, PaidOn: x.PaidOn, ReceiptNo: x.ReceiptNo, Balance: balance}
}

// Balances are savings per kind, in IDR minor units.
type Balances struct {
	Pokok    int64 `json:"pokok"`
	Wajib    int64 `json:"wajib"`
	Sukarela int64 `json:"sukarela"`
	Total    int64 `json:"total"`
}

func (b *Balances) add(kind string, amount int64) {
	switch kind {
	case Pokok:
		b.Pokok += amount
	case Wajib:
		b.Wajib += amount
	case Sukarela:
		b.Sukarela += amount
	}
	b.Total += amount
}

// Of returns the balance of kind.
func (b Balances) Of(kind string) int64 {
	switch kind {
	case Pokok:
		return b.Pokok
	case Wajib:
		return b.Wajib
	case Sukarela:
		return b.Sukarela
	}
	return 0
}

// memberSavings reads and opens a member's savings transactions, oldest
// first, and her balances from them.
func (s *Service) memberSavings(t *db.Tenant, beneficiaryID string) ([]SavingsTx, Balances, error) {
	var rows []SavingsTx
	var bal Balances
	if err := t.DB().Where("tenant_id = ? AND beneficiary_id = ?", t.ID, beneficiaryID).
		Order("paid_on, created_at, id").Find(&rows).Error; err != nil {
		return nil, bal, err
	}
	out := rows[:0]
	for _, x := range rows {
		v, ok, err := s.openAmount(t, x.AmountSealed, x.KeyVersion, savingsAAD(x.ID))
		if err != nil {
			return nil, bal, err
		}
		if !ok {
			continue
		}
		x.Amount = v
		if x.Direction == Withdrawal {
			bal.add(x.Kind, -v)
		} else {
			bal.add(x.Kind, v)
		}
		out = append(out, x)
	}
	return out, bal, nil
}
