package funds

import (
	"context"
	"sort"
	"time"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"gorm.io/gorm"
)

// EntryView is a ledger entry as the workspace shows it.
type EntryView struct {
	ID            string  `json:"id"`
	Kind          string  `json:"kind"`
	Source        string  `json:"source"`
	Amount        int64   `json:"amount"`
	Currency      string  `json:"currency"`
	Category      string  `json:"category"`
	ProgramID     *string `json:"program_id"`
	OccurredOn    string  `json:"occurred_on"`
	Note          string  `json:"note"`
	DonationID    *string `json:"donation_id,omitempty"`
	ReversesID    *string `json:"reverses_id,omitempty"`
	NeedsApproval bool    `json:"needs_approval"`
	Approved      bool    `json:"approved"`
	Counted       bool    `json:"counted"`
	Reversed      bool    `json:"reversed"`
	HasReceipt    bool    `json:"has_receipt"`
	CreatedBy     *string `json:"created_by"`
	CreatedAt     string  `json:"created_at"`
}

// Book is a group's whole ledger with what it adds up to.
type Book struct {
	Entries  []LedgerEntry
	approved map[string]bool
	byID     map[string]*LedgerEntry
	reversed map[string]bool
	// fundCash is the journal's cash, read for the workspace only.
	fundCash int64
}

// index maps entries by id and marks those a later entry reverses.
func (b *Book) index() {
	if b.byID != nil {
		return
	}
	b.byID, b.reversed = make(map[string]*LedgerEntry, len(b.Entries)), map[string]bool{}
	for i := range b.Entries {
		e := &b.Entries[i]
		b.byID[e.ID] = e
		if e.ReversesID != nil {
			b.reversed[*e.ReversesID] = true
		}
	}
}

// counted reports whether an entry moves the balance. An entry counts when
// it needs no approval or was approved; a reversing entry counts exactly
// when the entry it reverses counts, whatever was done to it, so reversing
// an expense still waiting for approval cancels it and never adds money.
func (b *Book) counted(e *LedgerEntry) bool {
	if e.ReversesID != nil {
		b.index()
		if orig, ok := b.byID[*e.ReversesID]; ok {
			return b.countedOwn(orig)
		}
	}
	return b.countedOwn(e)
}

func (b *Book) countedOwn(e *LedgerEntry) bool {
	return !e.NeedsApproval || b.approved[e.ID]
}

// waiting reports an entry still waiting for its approval: not approved,
// not a reversal and not cancelled by one.
func (b *Book) waiting(e *LedgerEntry) bool {
	b.index()
	return !b.counted(e) && e.ReversesID == nil && !b.reversed[e.ID]
}

// LoadBook reads a group's ledger, oldest first, with its approvals.
func LoadBook(tx *db.Tenant) (*Book, error) {
	return loadBook(tx.DB().Where("tenant_id = ?", tx.ID), tx.DB().Where("tenant_id = ?", tx.ID))
}

// bookOf loads only the entries ids, the reversals of them and their
// approvals: enough for the book's rules about those entries (counted,
// reversed) without reading the whole ledger.
func bookOf(tx *db.Tenant, ids []string) (*Book, error) {
	return loadBook(tx.DB().Where("tenant_id = ? AND (id IN ? OR reverses_id IN ?)", tx.ID, ids, ids),
		tx.DB().Where("tenant_id = ? AND entry_id IN ?", tx.ID, ids))
}

// loadBook reads the entries and approvals the two conditions select.
func loadBook(entries, approvals *gorm.DB) (*Book, error) {
	b := &Book{approved: map[string]bool{}}
	if err := entries.Order("occurred_on, id").Find(&b.Entries).Error; err != nil {
		return nil, err
	}
	var ids []string
	if err := approvals.Model(&Approval{}).Pluck("entry_id", &ids).Error; err != nil {
		return nil, err
	}
	for _, id := range ids {
		b.approved[id] = true
	}
	return b, nil
}

// Views returns the entries for the workspace.
func (b *Book) Views() []EntryView {
	b.index()
	out := make([]EntryView, len(b.Entries))
	for i := range b.Entries {
		e := &b.Entries[i]
		out[i] = EntryView{ID: e.ID, Kind: e.Kind, Source: e.Source, Amount: e.Amount, Currency: e.Currency,
			Category: e.Category, ProgramID: e.ProgramID, OccurredOn: day(e.OccurredOn), Note: e.Note,
			DonationID: e.DonationID, ReversesID: e.ReversesID, NeedsApproval: e.NeedsApproval,
			Approved: b.approved[e.ID], Counted: b.counted(e), Reversed: b.reversed[e.ID], HasReceipt: e.ReceiptFile != "",
			CreatedBy: e.CreatedBy, CreatedAt: e.CreatedAt.UTC().Format(time.RFC3339)}
	}
	return out
}

// Totals are what a ledger adds up to.
type Totals struct {
	Income int64 `json:"income"`
	// HeldByHost is online money the host received and has not yet
	// transferred to the group's own account.
	HeldByHost int64  `json:"held_by_host"`
	Expense    int64  `json:"expense"`
	Balance    int64  `json:"balance"`
	Pending    int64  `json:"awaiting_approval"`
	Currency   string `json:"currency"`
}

// ProgramTotals are one program's (or the unearmarked) figures.
type ProgramTotals struct {
	ProgramID *string `json:"program_id"`
	Name      string  `json:"name,omitempty"`
	Totals
}

// Totals adds up the counted entries.
func (b *Book) Totals() Totals {
	t := Totals{Currency: Currency}
	for i := range b.Entries {
		e := &b.Entries[i]
		if !b.counted(e) {
			if b.waiting(e) {
				t.Pending += e.Amount
			}
			continue
		}
		t.add(e)
		switch e.Source {
		case SourceOnline:
			t.HeldByHost += e.Amount
		case SourceHostTransfer:
			t.HeldByHost -= e.Amount
		}
	}
	t.Balance = t.Income - t.Expense
	return t
}

func (t *Totals) add(e *LedgerEntry) {
	if e.Source == SourceHostTransfer {
		return // moves money between accounts; counted when it arrived
	}
	if e.Kind == KindIncome {
		t.Income += e.Amount
	} else {
		t.Expense += e.Amount
	}
}

// ByProgram adds up counted entries per program; unearmarked money comes
// under a nil program id, last.
func (b *Book) ByProgram() []ProgramTotals {
	m := map[string]*ProgramTotals{}
	var order []string
	for i := range b.Entries {
		e := &b.Entries[i]
		if !b.counted(e) {
			continue
		}
		key := ""
		if e.ProgramID != nil {
			key = *e.ProgramID
		}
		pt, ok := m[key]
		if !ok {
			pt = &ProgramTotals{ProgramID: e.ProgramID, Totals: Totals{Currency: Currency}}
			m[key] = pt
			order = append(order, key)
		}
		pt.add(e)
	}
	sort.Slice(order, func(i, j int) bool { return order[i] != "" && (order[j] == "" || order[i] < order[j]) })
	out := make([]ProgramTotals, 0, len(order))
	for _, k := range order {
		pt := m[k]
		pt.Balance = pt.Income - pt.Expense
		out = append(out, *pt)
	}
	return out
}

// Ledger reads a group's ledger for the workspace, with the members'
// fund's cash (see CashOnHand).
func (s *Service) Ledger(ctx context.Context, scope db.Scope) (*Book, error) {
	var b *Book
	err := scope.Read(ctx, func(tx *db.Tenant) error {
		var err error
		if b, err = LoadBook(tx); err != nil {
			return err
		}
		return b.loadFundCash(tx)
	})
	return b, err
}

// EntryView returns one entry as the ledger shows it, with whether it
// counts, which depends on the rest of the book.
func (s *Service) EntryView(ctx context.Context, scope db.Scope, id string) (EntryView, error) {
	b, err := s.Ledger(ctx, scope)
	if err != nil {
		return EntryView{}, err
	}
	for _, v := range b.Views() {
		if v.ID == id {
			return v, nil
		}
	}
	return EntryView{}, errs.ErrNotFound
}
