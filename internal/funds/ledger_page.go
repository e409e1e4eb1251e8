package funds

import (
	"strconv"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
)

// Ledger list paging limits.
const (
	DefaultLedgerLimit = 100
	MaxLedgerLimit     = 500
)

// PageEntries cuts one page out of a ledger's entries (in the book's
// order, oldest first): after the entry whose id is cursor, at most limit
// (a query value; empty means DefaultLedgerLimit). next is the id of the
// page's last entry when more follow. Totals are never paged: they add up
// the whole book.
func PageEntries(views []EntryView, cursor, limit string) ([]EntryView, *string, error) {
	n := DefaultLedgerLimit
	if limit != "" {
		var err error
		if n, err = strconv.Atoi(limit); err != nil || n < 1 || n > MaxLedgerLimit {
			return nil, nil, errs.Invalid("limit", "range", "must be between 1 and 500")
		}
	}
	start := 0
	if cursor != "" {
		start = -1
		if db.ValidID(cursor) {
			for i := range views {
				if views[i].ID == cursor {
					start = i + 1
					break
				}
			}
		}
		if start < 0 {
			return nil, nil, errs.Invalid("cursor", "cursor", "is not a cursor this list returned")
		}
	}
	end := min(start+n, len(views))
	var next *string
	if end < len(views) {
		id := views[end-1].ID
		next = &id
	}
	return views[start:end], next, nil
}
