package funds

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/peduli/peduli/internal/platform/db"
)

// CapitalLink is one capital assistance to a member's enterprise and the
// ledger expense that paid for it.
type CapitalLink struct {
	LedgerEntryID string
	EnterpriseID  string
	Amount        int64
}

// CapitalSource answers, inside the caller's tenant transaction, the
// group's capital assistance; the enterprises feature owns it.
type CapitalSource interface {
	CapitalLinks(t *db.Tenant) ([]CapitalLink, error)
}

// ProgramCapital is how much of the money earmarked for a program (nil:
// not earmarked) went to members' enterprises as capital assistance, and
// to how many enterprises. It names no one.
type ProgramCapital struct {
	ProgramID   *string        `json:"program_id"`
	Name        string         `json:"name,omitempty"`
	Amount      int64          `json:"amount"`
	Enterprises SmallCellCount `json:"enterprises"`
}

// SmallCellCount is a count the public sees under the coordinators'
// small-cell rule: 1 to 4 read "<5", anything else is rounded to the
// nearest 5, so a few enterprises of one program cannot be singled out.
type SmallCellCount int

// MarshalJSON writes the rounded number, or "<5".
func (n SmallCellCount) MarshalJSON() ([]byte, error) { return json.Marshal(n.published()) }

// String is the count as a page prints it.
func (n SmallCellCount) String() string { return fmt.Sprint(n.published()) }

func (n SmallCellCount) published() any {
	if n > 0 && n < 5 {
		return "<5"
	}
	return (int(n) + 2) / 5 * 5
}

// capitalByProgram follows each assistance to the program its ledger
// expense names. The rule is checked at use: only assistance whose expense
// the ledger counts now (approved when it needed it, not reversed or
// cancelled) is included, so assistance recorded against an expense later
// reversed no longer shows.
func (b *Book) capitalByProgram(links []CapitalLink, names map[string]string) []ProgramCapital {
	b.index()
	type acc struct {
		amount      int64
		enterprises map[string]bool
		program     *string
	}
	m := map[string]*acc{}
	for _, l := range links {
		e, ok := b.byID[l.LedgerEntryID]
		if !ok || e.Kind != KindExpense || e.ReversesID != nil || b.reversed[e.ID] || !b.counted(e) {
			continue
		}
		key := ""
		if e.ProgramID != nil {
			key = *e.ProgramID
		}
		a := m[key]
		if a == nil {
			a = &acc{enterprises: map[string]bool{}, program: e.ProgramID}
			m[key] = a
		}
		a.amount += l.Amount
		a.enterprises[l.EnterpriseID] = true
	}
	out := make([]ProgramCapital, 0, len(m))
	for _, a := range m {
		pc := ProgramCapital{ProgramID: a.program, Amount: a.amount, Enterprises: SmallCellCount(len(a.enterprises))}
		if a.program != nil {
			pc.Name = names[*a.program]
		}
		out = append(out, pc)
	}
	// Programs by name, money not earmarked last.
	sort.Slice(out, func(i, j int) bool {
		if (out[i].ProgramID == nil) != (out[j].ProgramID == nil) {
			return out[j].ProgramID == nil
		}
		return out[i].Name < out[j].Name
	})
	return out
}
