package app_test

import (
	"io"
	"testing"

	"github.com/peduli/peduli/internal/app"
	"github.com/peduli/peduli/internal/testkit"
)

// TestDemoFund: a first run gives Rindu Sejahtera a weaving KUBE with
// books, savings, two loans (one in arrears) and a finished arisan round;
// a second run adds nothing.
func TestDemoFund(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		ctx := t.Context()
		if err := e.App.Demo(ctx, io.Discard); err != nil {
			t.Fatal(err)
		}
		ten, err := e.App.Tenancy.Store.TenantBySlug(ctx, app.DemoGroup)
		if err != nil {
			t.Fatal(err)
		}
		scope := e.App.DB.Scope(ten.ID)
		p, err := e.App.GroupFund.Portfolio(ctx, scope, "")
		if err != nil {
			t.Fatal(err)
		}
		if p.Loans != 2 || p.Classes["lancar"] == 0 || p.PAR30 == 0 {
			t.Fatalf("demo portfolio = %+v", p)
		}
		tb, err := e.App.Journal.TrialBalance(ctx, scope)
		if err != nil || tb.Debit != tb.Credit || tb.Debit == 0 {
			t.Fatalf("demo trial balance = %+v, %v", tb, err)
		}
		var rounds []struct{ CompletedOn *string }
		if err := e.Owner.Global(ctx).Table("arisan_rounds").Where("tenant_id = ?", ten.ID).Scan(&rounds).Error; err != nil ||
			len(rounds) != 1 || rounds[0].CompletedOn == nil {
			t.Fatalf("demo arisan rounds = %+v, %v", rounds, err)
		}
		if err := e.App.Demo(ctx, io.Discard); err != nil {
			t.Fatal(err)
		}
		if n := e.CountRows("loans", ten.ID); n != 2 {
			t.Fatalf("%d loans after a second run", n)
		}
	})
}
