package testkit

import (
	"sync/atomic"
	"testing"

	"gorm.io/gorm"
)

// CountStatements registers GORM callbacks on g that count every statement
// it runs (queries, raw and row reads, creates, updates, deletes) and
// returns the counter; a benchmark resets it with Store(0) before timing.
// Transaction control — BEGIN, set_config, COMMIT on PostgreSQL — is not
// counted.
func CountStatements(tb testing.TB, g *gorm.DB) *atomic.Int64 {
	tb.Helper()
	n := new(atomic.Int64)
	inc := func(*gorm.DB) { n.Add(1) }
	cb := g.Callback()
	for _, err := range []error{
		cb.Query().After("gorm:query").Register("bench:count_query", inc),
		cb.Raw().After("gorm:raw").Register("bench:count_raw", inc),
		cb.Row().After("gorm:row").Register("bench:count_row", inc),
		cb.Create().After("gorm:create").Register("bench:count_create", inc),
		cb.Update().After("gorm:update").Register("bench:count_update", inc),
		cb.Delete().After("gorm:delete").Register("bench:count_delete", inc),
	} {
		if err != nil {
			tb.Fatal(err)
		}
	}
	return n
}
