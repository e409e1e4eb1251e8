package tenancy_test

import (
	"context"
	"errors"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/groupfund"
	"github.com/peduli/peduli/internal/partners"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/programs"
	"github.com/peduli/peduli/internal/regions"
	"github.com/peduli/peduli/internal/tenancy"
	"github.com/peduli/peduli/internal/testkit"
)

// TestServicesValidateTheirInput: a write's input is checked by the
// service itself, so a caller that is neither the API (which binds and
// validates) nor a page (which parses a form) cannot slip past the rules.
func TestServicesValidateTheirInput(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		ctx := context.Background()
		g := e.SignupGroup("Kelompok Aturan")
		scope := e.App.DB.Scope(g.TenantID)
		actor := audit.Actor{UserID: g.OwnerID}
		bad := "not-a-kind"
		long := string(make([]byte, 3000))
		cases := map[string]error{}
		_, _, cases["invite"] = e.App.Tenancy.Invite(ctx, scope, actor, access.Owner,
			tenancy.InviteInput{Email: "bukan-email", Role: "boss"})
		_, _, _, cases["signup"] = e.App.Tenancy.Signup(ctx, tenancy.SignupInput{})
		_, cases["partner"] = e.App.Partners.Create(ctx, scope, actor, partners.Input{Kind: &bad})
		_, cases["program"] = e.App.Programs.CreateProgram(ctx, scope, actor, programs.ProgramInput{Category: bad})
		_, cases["savings"] = e.App.GroupFund.Deposit(ctx, scope, actor, groupfund.SavingsInput{Kind: bad, Amount: -5})
		tn, err := e.App.Tenancy.Store.TenantBySlug(ctx, g.Slug)
		if err != nil {
			t.Fatal(err)
		}
		_, cases["verification"] = e.App.Regions.Decide(ctx, actor, tn, regions.VerificationInput{Decision: "maybe", Note: long})
		for name, err := range cases {
			var ve *errs.ValidationError
			if !errors.As(err, &ve) || len(ve.Fields) == 0 {
				t.Errorf("%s: got %v, want a validation error", name, err)
			}
		}
		if n := e.CountRows("invitations", g.TenantID); n != 0 {
			t.Errorf("%d invitations written from invalid input", n)
		}
	})
}
