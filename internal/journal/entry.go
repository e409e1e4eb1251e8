package journal

import (
	"fmt"
	"time"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
)

// MaxAmount bounds one line: Rp 10 trillion in minor units, far above any
// group's money and safe to sum in int64.
const MaxAmount int64 = 1_000_000_000_000_000

// Entry is one row of journal_entries: a dated, balanced posting.
type Entry struct {
	TenantID   string `gorm:"primaryKey"`
	ID         string `gorm:"primaryKey"`
	OccurredOn db.Date
	// Source names what posted it (savings_deposit, loan_repayment, …) and
	// SourceID the record of that feature, so the book can be followed
	// back to the operation without naming anyone.
	Source     string
	SourceID   *string
	Memo       string
	ReversesID *string
	CreatedBy  *string
	CreatedAt  time.Time
	Lines      []Line `gorm:"-"`
}

// TableName is journal_entries.
func (Entry) TableName() string { return "journal_entries" }

// Line is one row of journal_lines: an amount on one side of one account.
type Line struct {
	TenantID string `gorm:"primaryKey"`
	EntryID  string `gorm:"primaryKey"`
	LineNo   int    `gorm:"primaryKey"`
	Account  string
	Debit    int64
	Credit   int64
}

// TableName is journal_lines.
func (Line) TableName() string { return "journal_lines" }

// Debit and Credit build lines for Post.
func Debit(account string, amount int64) Line  { return Line{Account: account, Debit: amount} }
func Credit(account string, amount int64) Line { return Line{Account: account, Credit: amount} }

// Posting is what a feature asks the journal to record.
type Posting struct {
	OccurredOn db.Date
	Source     string
	SourceID   string
	Memo       string
	Lines      []Line
}

// check refuses a posting that would not keep the book balanced: every
// line one positive side of a chart account, and debits equal to credits.
func (p Posting) check() error {
	if len(p.Lines) < 2 {
		return fmt.Errorf("journal: a posting needs two lines or more, got %d", len(p.Lines))
	}
	if _, ok := db.ParseDate(string(p.OccurredOn)); !ok {
		return fmt.Errorf("journal: posting date %q", p.OccurredOn)
	}
	var debit, credit int64
	for i, l := range p.Lines {
		if _, ok := AccountOf(l.Account); !ok {
			return fmt.Errorf("journal: line %d: unknown account %q", i, l.Account)
		}
		if (l.Debit > 0) == (l.Credit > 0) || l.Debit < 0 || l.Credit < 0 || l.Debit > MaxAmount || l.Credit > MaxAmount {
			return fmt.Errorf("journal: line %d: one side must hold a positive amount", i)
		}
		debit += l.Debit
		credit += l.Credit
	}
	if debit != credit {
		return fmt.Errorf("journal: debits %d and credits %d differ", debit, credit)
	}
	return nil
}

// Post records a balanced entry in the caller's transaction and returns it.
// An unbalanced posting is a programming error, refused before any write.
func Post(t *db.Tenant, actor audit.Actor, p Posting, now time.Time) (*Entry, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	e := &Entry{TenantID: t.ID, ID: db.NewID(), OccurredOn: p.OccurredOn, Source: p.Source, Memo: p.Memo, CreatedAt: now}
	if p.SourceID != "" {
		e.SourceID = &p.SourceID
	}
	if actor.UserID != "" {
		e.CreatedBy = &actor.UserID
	}
	return e, insert(t, e, p.Lines)
}

func insert(t *db.Tenant, e *Entry, lines []Line) error {
	if err := t.DB().Create(e).Error; err != nil {
		if db.IsDuplicate(err) && e.ReversesID != nil {
			return errs.Conflict("already_reversed", "this entry has already been reversed")
		}
		return fmt.Errorf("journal: entry: %w", err)
	}
	e.Lines = make([]Line, len(lines))
	for i, l := range lines {
		e.Lines[i] = Line{TenantID: t.ID, EntryID: e.ID, LineNo: i + 1, Account: l.Account, Debit: l.Debit, Credit: l.Credit}
	}
	if err := t.DB().Create(&e.Lines).Error; err != nil {
		return fmt.Errorf("journal: lines: %w", err)
	}
	return nil
}

// Reverse posts the mirror of entry id (each debit a credit and back) on
// day on, so the two cancel. An entry is reversed at most once, and a
// reversal is not reversed again: post the operation anew instead.
func Reverse(t *db.Tenant, actor audit.Actor, id string, on db.Date, memo string, now time.Time) (*Entry, error) {
	if !db.ValidID(id) {
		return nil, errs.ErrNotFound
	}
	var orig Entry
	if err := t.DB().Where("tenant_id = ? AND id = ?", t.ID, id).Take(&orig).Error; err != nil {
		if db.IsNotFound(err) {
			return nil, errs.ErrNotFound
		}
		return nil, err
	}
	if orig.ReversesID != nil {
		return nil, errs.Conflict("is_reversal", "a reversal cannot be reversed; post the operation again")
	}
	if _, ok := db.ParseDate(string(on)); !ok || on < orig.OccurredOn {
		return nil, errs.Invalid("reversed_on", "date", "must be a date on or after the entry's own")
	}
	var lines []Line
	if err := t.DB().Where("tenant_id = ? AND entry_id = ?", t.ID, id).Order("line_no").Find(&lines).Error; err != nil {
		return nil, err
	}
	mirror := make([]Line, len(lines))
	for i, l := range lines {
		mirror[i] = Line{Account: l.Account, Debit: l.Credit, Credit: l.Debit}
	}
	e := &Entry{TenantID: t.ID, ID: db.NewID(), OccurredOn: on, Source: orig.Source, SourceID: orig.SourceID,
		Memo: memo, ReversesID: &orig.ID, CreatedAt: now}
	if actor.UserID != "" {
		e.CreatedBy = &actor.UserID
	}
	var n int64
	if err := t.DB().Model(&Entry{}).Where("tenant_id = ? AND reverses_id = ?", t.ID, id).Count(&n).Error; err != nil {
		return nil, err
	}
	if n > 0 {
		return nil, errs.Conflict("already_reversed", "this entry has already been reversed")
	}
	return e, insert(t, e, mirror)
}

// EntriesOf returns the entries a feature's record posted, oldest first,
// so the feature can reverse them.
func EntriesOf(t *db.Tenant, source, sourceID string) ([]Entry, error) {
	var out []Entry
	err := t.DB().Where("tenant_id = ? AND source = ? AND source_id = ?", t.ID, source, sourceID).
		Order("created_at, id").Find(&out).Error
	return out, err
}

// Lock serialises the group's money writes for the rest of the
// transaction, so a rule checked against a balance (no withdrawal above
// the cash held) still holds when the transaction commits. SQLite needs
// no lock: its write transactions already run one at a time.
func Lock(t *db.Tenant) error {
	if t.DB().Dialector.Name() != "postgres" {
		return nil
	}
	return t.DB().Exec("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", "journal:"+t.ID).Error
}
