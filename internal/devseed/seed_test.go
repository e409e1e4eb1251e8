package devseed_test

import (
	"context"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/devseed"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/registry"
	"github.com/peduli/peduli/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

const password = "benih-peduli-dev"

func seed(t *testing.T, e *testkit.Env, groups, staff, people int, seedValue uint64) devseed.Result {
	t.Helper()
	a := e.App
	res, err := devseed.Run(context.Background(), devseed.Deps{DB: a.DB, Tenancy: a.Tenancy.Store,
		Registry: a.Registry, Programs: a.Programs.Store, Funds: a.Funds}, devseed.Options{
		Groups: groups, Staff: staff, Beneficiaries: people, Seed: seedValue,
		Until: time.Now().UTC().AddDate(0, 0, -1), Password: password, Workers: 2})
	if err != nil {
		t.Fatalf("seed: %v", err)
	}
	// Memberships went straight to their tables; a server started now
	// would read them, this one forgets what it cached.
	a.Access.EvictAll()
	return res
}

func login(t *testing.T, e *testkit.Env, email string) string {
	t.Helper()
	res := e.Do(http.MethodPost, "/api/v1/auth/login", "", map[string]any{"email": email, "password": password})
	return testkit.Str(res.Expect(http.StatusOK).Map(), "token")
}

// buildThroughAPI makes a group the way its people would: one beneficiary,
// a program from a template with an enrolled member, an activity with
// attendance, an income outcome, a cash gift and an expense.
func buildThroughAPI(t *testing.T, e *testkit.Env) *testkit.Group {
	g := e.SignupGroup("Kelompok Lewat API")
	tok := g.OwnerToken
	ben := e.CreateBeneficiary(g, tok, map[string]any{"phone": "081234567890", "address": "RT 001/RW 002",
		"monthly_income": 50000000})
	prog := testkit.Str(e.CreateProgram(g, tok, map[string]any{"template_key": "olahan-kelor",
		"starts_on": time.Now().UTC().AddDate(0, -2, 0).Format(time.DateOnly)}), "id")
	e.Enroll(g, tok, prog, ben)
	act := e.RecordActivity(g, tok, prog, "pelatihan", time.Now().UTC().AddDate(0, 0, -3).Format(time.DateOnly))
	e.Do(http.MethodPut, "/api/v1/t/"+g.Slug+"/activities/"+act+"/attendance", tok,
		map[string]any{"present": []string{ben}}).Expect(http.StatusOK)
	e.RecordOutcome(g, tok, ben, "monthly_income", time.Now().UTC().AddDate(0, -1, 0).Format("2006-01"), 75000000)
	e.CashGift(g, tok, 1500000)
	e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/ledger", tok, map[string]any{"kind": "expense", "amount": 2000000,
		"currency": "idr", "category": "bahan baku", "occurred_on": time.Now().UTC().Format(time.DateOnly)}).
		Expect(http.StatusCreated)
	return g
}

// keys returns the sorted keys of a JSON object.
func keys(m map[string]any) string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return strings.Join(out, ",")
}

func firstItem(t *testing.T, m map[string]any) map[string]any {
	t.Helper()
	items, _ := m["items"].([]any)
	if len(items) == 0 {
		t.Fatalf("no items in %v", m)
	}
	return items[0].(map[string]any)
}

// A seeded group fills the same tables as a group built through the API,
// its records read the same way through the API and the pages, its
// personal fields are sealed with its own key, and it stays isolated from
// other groups (by the app and, on PostgreSQL, by row-level security).
func TestSeededGroupLooksLikeOneBuiltThroughTheAPI(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		built := buildThroughAPI(t, e)
		res := seed(t, e, 2, 4, 40, 42)
		if res.Groups != 2 || res.Beneficiaries != 80 {
			t.Fatalf("seeded %+v, want 2 groups of 40", res)
		}
		seeded, err := e.App.Tenancy.Store.TenantBySlug(context.Background(), devseed.GroupSlug(0))
		if err != nil {
			t.Fatal(err)
		}
		other, err := e.App.Tenancy.Store.TenantBySlug(context.Background(), devseed.GroupSlug(1))
		if err != nil {
			t.Fatal(err)
		}

		for _, table := range []string{"memberships", "tenant_keys", "beneficiaries", "beneficiary_consents", "programs",
			"program_enrollments", "program_activities", "activity_attendance", "outcomes", "donations",
			"ledger_entries", "donation_routes", "audit_events"} {
			api, got := e.CountRows(table, built.TenantID), e.CountRows(table, seeded.ID)
			if api == 0 || got == 0 {
				t.Errorf("%s: %d rows for the API group, %d for the seeded group; want both filled", table, api, got)
			}
		}
		var counters int64
		if err := e.Owner.Global(context.Background()).Table("receipt_counters").
			Where("series = ?", "group:"+seeded.ID).Count(&counters).Error; err != nil || counters == 0 {
			t.Errorf("receipt counter of the seeded group: %d rows, %v", counters, err)
		}

		// Personal fields are sealed: the stored row holds no NIK digits and
		// the API opens them with the group's own key.
		owner := login(t, e, devseed.StaffEmail(0, 0))
		base := "/api/v1/t/" + seeded.Slug
		list := e.Do(http.MethodGet, base+"/beneficiaries", owner, nil).Expect(http.StatusOK).Map()
		apiList := e.Do(http.MethodGet, "/api/v1/t/"+built.Slug+"/beneficiaries", built.OwnerToken, nil).Expect(http.StatusOK).Map()
		if keys(list) != keys(apiList) || keys(firstItem(t, list)) != keys(firstItem(t, apiList)) {
			t.Errorf("list shapes differ:\nseeded %s / %s\napi    %s / %s", keys(list), keys(firstItem(t, list)),
				keys(apiList), keys(firstItem(t, apiList)))
		}
		if n := len(list["items"].([]any)); n != 40 {
			t.Errorf("seeded list shows %d, want 40", n)
		}
		id := testkit.Str(firstItem(t, list), "id")
		detail := e.Do(http.MethodGet, base+"/beneficiaries/"+id, owner, nil).Expect(http.StatusOK).Map()
		nik := testkit.Str(detail, "nik")
		if len(nik) != 16 || !strings.HasPrefix(nik, "53") {
			t.Fatalf("seeded NIK read back as %q", nik)
		}
		var row registry.Beneficiary
		if err := e.Owner.Global(context.Background()).Where("tenant_id = ? AND id = ?", seeded.ID, id).Take(&row).Error; err != nil {
			t.Fatal(err)
		}
		if row.NIKSealed == "" || strings.Contains(row.NIKSealed, nik) || row.KeyVersion != 1 || row.NIKIndex == nil {
			t.Errorf("stored row is not sealed: key %d, sealed %q", row.KeyVersion, row.NIKSealed)
		}
		apiDetail := e.Do(http.MethodGet, "/api/v1/t/"+built.Slug+"/beneficiaries/"+testkit.Str(firstItem(t, apiList), "id"),
			built.OwnerToken, nil).Expect(http.StatusOK).Map()
		if keys(detail) != keys(apiDetail) {
			t.Errorf("detail shapes differ:\nseeded %s\napi    %s", keys(detail), keys(apiDetail))
		}
		// The same NIK is refused as already registered, as for any record.
		e.Do(http.MethodPost, base+"/beneficiaries", owner, map[string]any{"name": "Dua Kali", "nik": nik}).
			ExpectProblem(http.StatusConflict, "nik_taken")

		for _, path := range []string{"/programs", "/donations", "/ledger", "/team"} {
			s := e.Do(http.MethodGet, base+path, owner, nil).Expect(http.StatusOK).Map()
			a := e.Do(http.MethodGet, "/api/v1/t/"+built.Slug+path, built.OwnerToken, nil).Expect(http.StatusOK).Map()
			if keys(s) != keys(a) {
				t.Errorf("%s shapes differ: seeded %s, api %s", path, keys(s), keys(a))
			}
		}
		incomeRead := false
		for _, it := range e.Do(http.MethodGet, base+"/programs", owner, nil).Map()["items"].([]any) {
			prog := testkit.Str(it.(map[string]any), "id")
			acts := e.Do(http.MethodGet, base+"/programs/"+prog+"/activities", owner, nil).Expect(http.StatusOK).Map()
			act := testkit.Str(firstItem(t, acts), "id")
			e.Do(http.MethodGet, base+"/activities/"+act+"/attendance", owner, nil).Expect(http.StatusOK)
			member := testkit.Str(firstItem(t, e.Do(http.MethodGet, base+"/programs/"+prog+"/enrollments", owner, nil).Map()), "beneficiary_id")
			outcomes := e.Do(http.MethodGet, base+"/beneficiaries/"+member+"/outcomes", owner, nil).Expect(http.StatusOK)
			incomeRead = incomeRead || strings.Contains(string(outcomes.Body), `"indicator":"monthly_income"`)
		}
		if !incomeRead {
			t.Error("no seeded member's sealed income outcome reads back")
		}

		// Pages render for the seeded owner (cookie session from login).
		for _, page := range []string{"", "/beneficiaries", "/programs", "/ledger"} {
			req, _ := http.NewRequest(http.MethodGet, "/t/"+seeded.Slug+page, nil)
			req.AddCookie(&http.Cookie{Name: "peduli_session", Value: owner})
			req.Header.Set("Authorization", "Bearer "+owner)
			if r := e.Send(req); r.Status != http.StatusOK {
				t.Errorf("page /t/%s%s: %d", seeded.Slug, page, r.Status)
			}
		}

		// Isolation: the seeded owner sees neither the other seeded group nor
		// the API group, and the API group's owner does not see hers.
		e.Do(http.MethodGet, "/api/v1/t/"+other.Slug+"/beneficiaries", owner, nil).Expect(http.StatusNotFound)
		e.Do(http.MethodGet, "/api/v1/t/"+built.Slug+"/beneficiaries", owner, nil).Expect(http.StatusNotFound)
		e.Do(http.MethodGet, base+"/beneficiaries/"+id, built.OwnerToken, nil).Expect(http.StatusNotFound)
		// A lesser role of the seeded team is refused personal data it may not read.
		e.Do(http.MethodGet, base+"/ledger", login(t, e, viewerEmail(t, e, seeded.ID)), nil).Expect(http.StatusForbidden)

		if e.Dialect == db.Postgres {
			// Row-level security: inside the seeded group's scope, the app
			// role sees none of the other group's rows even when asking for them.
			var n int64
			err := e.App.DB.Scope(seeded.ID).Read(context.Background(), func(tx *db.Tenant) error {
				return tx.DB().Table("beneficiaries").Where("tenant_id = ?", other.ID).Count(&n).Error
			})
			if err != nil || n != 0 {
				t.Errorf("RLS: %d of the other group's beneficiaries visible (%v)", n, err)
			}
		}
	})
}

// viewerEmail finds a seeded team member of the tenant with a role that may
// not read the ledger (a viewer or a facilitator).
func viewerEmail(t *testing.T, e *testkit.Env, tenantID string) string {
	t.Helper()
	for _, m := range e.App.Access.Members(tenantID) {
		if !e.App.Access.RoleMay(m.Role, access.LedgerRead) {
			u, err := e.App.Identity.Store.User(context.Background(), m.UserID)
			if err != nil {
				t.Fatal(err)
			}
			return u.Email
		}
	}
	t.Fatal("no seeded member without ledger access")
	return ""
}

// The same seed gives the same groups, people and ids on a fresh database.
func TestSeedIsDeterministic(t *testing.T) {
	ids := func() []string {
		e := testkit.New(t, db.SQLite)
		seed(t, e, 2, 3, 10, 9)
		var out []string
		if err := e.Owner.Global(context.Background()).Table("beneficiaries").Order("id").
			Pluck("id || ':' || name", &out).Error; err != nil {
			t.Fatal(err)
		}
		var more []string
		if err := e.Owner.Global(context.Background()).Table("users").Order("id").
			Pluck("id || ':' || email", &more).Error; err != nil {
			t.Fatal(err)
		}
		return append(out, more...)
	}
	first, second := ids(), ids()
	if len(first) == 0 || strings.Join(first, "\n") != strings.Join(second, "\n") {
		t.Fatalf("two runs with the same seed differ (%d vs %d rows)", len(first), len(second))
	}
}
