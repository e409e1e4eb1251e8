package journal_test

import (
	"errors"
	"math/rand/v2"
	"net/http"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/journal"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// TestJournalReplay replays random sequences of postings, reversals and
// refused postings, and checks after each step that the trial balance the
// API shows equals the sum of what was accepted, per account, and that its
// debit column equals its credit column. Refused operations leave nothing.
func TestJournalReplay(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Rindu Buku")
		scope := e.App.DB.Scope(g.TenantID)
		actor := audit.Actor{UserID: g.OwnerID}
		rng := rand.New(rand.NewPCG(7, uint64(len(e.Dialect))))
		want := map[string]int64{} // debits less credits per account
		type posted struct {
			id       string
			lines    []journal.Line
			reversed bool
		}
		var entries []posted
		apply := func(lines []journal.Line, sign int64) {
			for _, l := range lines {
				want[l.Account] += sign * (l.Debit - l.Credit)
			}
		}
		day := db.Date("2026-01-05")
		for step := range 60 {
			switch op := rng.IntN(10); {
			case op < 6 || len(entries) == 0: // a balanced posting of 2–4 lines
				lines := randomLines(rng)
				var id string
				err := scope.Write(t.Context(), func(tx *db.Tenant) error {
					en, err := journal.Post(tx, actor, journal.Posting{OccurredOn: day, Source: "test", Lines: lines}, time.Now())
					if en != nil {
						id = en.ID
					}
					return err
				})
				if err != nil {
					t.Fatalf("step %d: post: %v", step, err)
				}
				apply(lines, 1)
				entries = append(entries, posted{id: id, lines: lines})
			case op < 8: // reverse one; a second reversal is refused
				i := rng.IntN(len(entries))
				err := scope.Write(t.Context(), func(tx *db.Tenant) error {
					_, err := journal.Reverse(tx, actor, entries[i].id, day, "koreksi", time.Now())
					return err
				})
				var conflict *errs.ConflictError
				switch {
				case entries[i].reversed && !errors.As(err, &conflict):
					t.Fatalf("step %d: second reversal: %v", step, err)
				case !entries[i].reversed && err != nil:
					t.Fatalf("step %d: reverse: %v", step, err)
				case !entries[i].reversed:
					apply(entries[i].lines, -1)
					entries[i].reversed = true
				}
			default: // an unbalanced or malformed posting is refused whole
				lines := randomLines(rng)
				lines[0].Debit++
				if rng.IntN(2) == 0 {
					lines[0] = journal.Line{Account: "9999", Debit: 1}
				}
				err := scope.Write(t.Context(), func(tx *db.Tenant) error {
					_, err := journal.Post(tx, actor, journal.Posting{OccurredOn: day, Source: "test", Lines: lines}, time.Now())
					return err
				})
				if err == nil {
					t.Fatalf("step %d: unbalanced posting accepted", step)
				}
			}
			if step%10 == 9 {
				checkTrialBalance(t, e, g, want)
			}
		}
		checkTrialBalance(t, e, g, want)
	})
}

// randomLines makes a balanced posting: random debits, then credits that
// split the same total.
func randomLines(rng *rand.Rand) []journal.Line {
	acct := func() string { return journal.Chart[rng.IntN(len(journal.Chart))].Code }
	a, b := int64(rng.IntN(5_000_000)+100), int64(rng.IntN(5_000_000)+100)
	lines := []journal.Line{journal.Debit(acct(), a)}
	if rng.IntN(2) == 0 {
		lines = append(lines, journal.Debit(acct(), b))
	} else {
		b = 0
	}
	if total := a + b; rng.IntN(2) == 0 && total > 1 {
		part := total / 3
		if part == 0 {
			part = 1
		}
		return append(lines, journal.Credit(acct(), part), journal.Credit(acct(), total-part))
	}
	return append(lines, journal.Credit(acct(), a+b))
}

func checkTrialBalance(t *testing.T, e *testkit.Env, g *testkit.Group, want map[string]int64) {
	t.Helper()
	var tb journal.TrialBalance
	e.Do(http.MethodGet, "/api/v1/t/"+g.Slug+"/journal/trial-balance", g.OwnerToken, nil).Expect(http.StatusOK).JSON(&tb)
	if tb.Debit != tb.Credit {
		t.Fatalf("trial balance debit %d ≠ credit %d", tb.Debit, tb.Credit)
	}
	if len(tb.Accounts) != len(journal.Chart) {
		t.Fatalf("%d accounts, want the chart's %d", len(tb.Accounts), len(journal.Chart))
	}
	var total int64
	for _, a := range tb.Accounts {
		if got := a.Debit - a.Credit; got != want[a.Code] {
			t.Fatalf("account %s: balance %d, want %d", a.Code, got, want[a.Code])
		}
		if a.Debit > 0 && a.Credit > 0 {
			t.Fatalf("account %s shows both sides: %+v", a.Code, a)
		}
		total += a.Debit
	}
	if total != tb.Debit {
		t.Fatalf("debit column sums to %d, total says %d", total, tb.Debit)
	}
}

// TestJournalAppendOnly: the serving role cannot change or remove a posted
// line on PostgreSQL; a viewer reads the totals; another group sees none.
func TestJournalAppendOnly(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Rindu Buku")
		scope := e.App.DB.Scope(g.TenantID)
		if err := scope.Write(t.Context(), func(tx *db.Tenant) error {
			_, err := journal.Post(tx, audit.Actor{}, journal.Posting{OccurredOn: "2026-02-01", Source: "test",
				Lines: []journal.Line{journal.Debit(journal.Cash, 5_000_000), journal.Credit(journal.SavingsWajib, 5_000_000)}}, time.Now())
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if e.Dialect == db.Postgres {
			for _, stmt := range []string{"UPDATE journal_lines SET debit = debit + 1 WHERE tenant_id = ?",
				"DELETE FROM journal_entries WHERE tenant_id = ?"} {
				err := scope.Write(t.Context(), func(tx *db.Tenant) error { return tx.DB().Exec(stmt, g.TenantID).Error })
				if err == nil {
					t.Fatalf("%s: allowed", stmt)
				}
			}
		}
		team := e.Team(g)
		var tb journal.TrialBalance
		e.Do(http.MethodGet, "/api/v1/t/"+g.Slug+"/journal/trial-balance", team["viewer"].Token, nil).Expect(http.StatusOK).JSON(&tb)
		if tb.Debit != 5_000_000 || tb.Accounts[0].Code != journal.Cash || tb.Accounts[0].Debit != 5_000_000 {
			t.Fatalf("trial balance = %+v", tb)
		}
		other := e.SignupGroup("Kelompok Lain")
		e.Do(http.MethodGet, "/api/v1/t/"+g.Slug+"/journal/trial-balance", other.OwnerToken, nil).ExpectProblem(http.StatusNotFound, "not_found")
		e.Do(http.MethodGet, "/api/v1/t/"+other.Slug+"/journal/trial-balance", other.OwnerToken, nil).Expect(http.StatusOK).JSON(&tb)
		if tb.Debit != 0 {
			t.Fatalf("another group's trial balance = %+v", tb)
		}
	})
}
