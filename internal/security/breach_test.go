package security_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/security"
	"github.com/peduli/peduli/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestPersonalReadsListsWhatAUserOrSessionReadAcrossTenants(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		ctx := context.Background()
		a, b := e.SignupGroup("Kelompok Bocor A"), e.SignupGroup("Kelompok Bocor B")
		start := time.Now().Add(-time.Minute)
		// The same person is on both teams; she reads one record in each.
		m := e.AddMember(a, "facilitator")
		e.VerifyEmail(m.UserID)
		inv := e.Do(http.MethodPost, "/api/v1/t/"+b.Slug+"/team", b.OwnerToken,
			map[string]any{"email": m.Email, "role": "facilitator"}).Expect(http.StatusCreated).Map()
		acc := e.Do(http.MethodPost, "/api/v1/invitations/"+testkit.Str(inv, "invitation", "token")+"/accept", "",
			map[string]any{"password": testkit.Password}).Expect(http.StatusCreated).Map()
		second := testkit.Str(acc, "token")

		ida := e.CreateBeneficiary(a, a.OwnerToken, nil)
		idb := e.CreateBeneficiary(b, b.OwnerToken, nil)
		e.Do(http.MethodGet, "/api/v1/t/"+a.Slug+"/beneficiaries/"+ida, m.Token, nil).Expect(http.StatusOK)
		e.Do(http.MethodGet, "/api/v1/t/"+b.Slug+"/beneficiaries/"+idb, second, nil).Expect(http.StatusOK)
		// Someone else's read is not hers.
		e.Do(http.MethodGet, "/api/v1/t/"+a.Slug+"/beneficiaries/"+ida, a.OwnerToken, nil).Expect(http.StatusOK)
		end := time.Now().Add(time.Minute)

		reads, err := security.PersonalReads(ctx, e.App.DB, security.ReadsQuery{UserID: m.UserID, From: start, To: end})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, r := range reads {
			got[r.TenantSlug] = r.EntityID
			if r.ActorID != m.UserID || r.Action != "read_personal" {
				t.Errorf("read %+v is not hers or not a personal read", r)
			}
		}
		if len(reads) != 2 || got[a.Slug] != ida || got[b.Slug] != idb {
			t.Fatalf("her reads: %+v", reads)
		}

		// By session: only what the second token read.
		sess, err := e.App.Identity.Store.SessionByToken(ctx, second, time.Now(), time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		reads, err = security.PersonalReads(ctx, e.App.DB, security.ReadsQuery{SessionID: sess.ID, From: start, To: end})
		if err != nil {
			t.Fatal(err)
		}
		if len(reads) != 1 || reads[0].EntityID != idb || reads[0].SessionID != sess.ID {
			t.Fatalf("the session's reads: %+v", reads)
		}

		// Outside the window: nothing.
		reads, _ = security.PersonalReads(ctx, e.App.DB, security.ReadsQuery{UserID: m.UserID, From: end, To: end.Add(time.Hour)})
		if len(reads) != 0 {
			t.Errorf("reads after the window: %+v", reads)
		}
		if _, err := security.PersonalReads(ctx, e.App.DB, security.ReadsQuery{From: start, To: end}); err == nil {
			t.Error("a query naming neither user nor session was accepted")
		}
	})
}
