package replicas_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

// privateCluster creates a PostgreSQL cluster of its own on a free port
// (Debian's pg_createcluster), so restarting it disturbs nobody else's
// database. It is dropped when the test ends.
func privateCluster(t *testing.T) (version, name string, port int) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("creating a PostgreSQL cluster needs root")
	}
	if _, err := exec.LookPath("pg_createcluster"); err != nil {
		if os.Getenv("PEDULI_TEST_REQUIRE_POSTGRES") == "1" {
			t.Fatal("pg_createcluster is missing")
		}
		t.Skip("no pg_createcluster (Debian's postgresql-common)")
	}
	versions, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(versions) == 0 {
		t.Skip("no PostgreSQL server binaries")
	}
	version = filepath.Base(filepath.Dir(filepath.Dir(versions[len(versions)-1])))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port = ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	name = fmt.Sprintf("peduli_fault_%d", os.Getpid())
	run := func(args ...string) error {
		out, err := exec.Command(args[0], args[1:]...).CombinedOutput() // #nosec G204 -- fixed tools, generated names
		if err != nil {
			return fmt.Errorf("%s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return nil
	}
	t.Cleanup(func() { _ = run("pg_dropcluster", "--stop", version, name) })
	if err := run("pg_createcluster", version, name, "-p", fmt.Sprint(port), "--start",
		"--", "--auth=trust", "--no-sync"); err != nil {
		t.Fatal(err)
	}
	return version, name, port
}

// TestPostgresRestartUnderLoad restarts PostgreSQL (pg_ctlcluster restart)
// while clients record ledger entries, gifts and attendance and Stripe
// delivers webhook events through a replica: while
// the database is away the replica answers 503 (never 500, never hangs),
// it recovers by itself, and every acknowledged write is there exactly once.
func TestPostgresRestartUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("starts real processes")
	}
	if len(testkit.Dialects(t)) < 2 {
		t.Skip("needs PostgreSQL (PEDULI_TEST_POSTGRES_URL)")
	}
	version, cluster, port := privateCluster(t)
	superURL := fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port)
	admin, err := db.OpenPostgres(superURL, db.Options{MaxOpenConns: 1})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, q := range []string{"CREATE DATABASE peduli",
		"CREATE ROLE peduli_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE"} {
		if err := admin.Global(ctx).Exec(q).Error; err != nil {
			t.Fatal(err)
		}
	}
	admin.Close()
	ownerURL := fmt.Sprintf("postgres://postgres@127.0.0.1:%d/peduli?sslmode=disable", port)
	appURL := fmt.Sprintf("postgres://peduli_app@127.0.0.1:%d/peduli?sslmode=disable", port)

	r := startReplica(t, "replica", map[string]string{
		"PEDULI_DATABASE_URL":          appURL,
		"PEDULI_MIGRATE_DATABASE_URL":  ownerURL,
		"PEDULI_SECRET_KEY":            testkit.SecretKey,
		"PEDULI_BASE_URL":              "http://peduli.test",
		"PEDULI_DRAIN":                 "0s",
		"PEDULI_STRIPE_WEBHOOK_SECRET": testkit.StripeWebhookSecret,
	})
	slug := testkit.Unique("restart")
	m := r.must(t, http.StatusCreated, http.MethodPost, "/api/v1/signup", "", map[string]any{
		"group": map[string]any{"name": "Kelompok Tahan Gempa", "slug": slug, "region_code": "53.01.08.2011"},
		"owner": map[string]any{"name": "Ketua", "email": slug + "@example.org", "password": testkit.Password}})
	token, tenantID := str(m, "token"), str(m, "tenant", "id")
	base := "/api/v1/t/" + slug

	// A program with three members, whose attendance is marked under load.
	program := str(r.must(t, http.StatusCreated, http.MethodPost, base+"/programs", token,
		map[string]any{"template_key": "olahan-kelor", "starts_on": "2026-01-05"}), "id")
	var members []string
	for i := range 3 {
		birth := time.Date(1980+i, 7, 1, 0, 0, 0, 0, time.UTC)
		id := str(r.must(t, http.StatusCreated, http.MethodPost, base+"/beneficiaries", token, map[string]any{
			"name": testkit.Unique("Maria Bria"), "nik": testkit.NIK(birth), "birth_date": birth.Format(time.DateOnly),
			"village": "Penfui Timur", "marital_status": "married",
			"consent": map[string]any{"purposes": []string{"services", "reporting", "sharing"}}}), "id")
		r.must(t, http.StatusCreated, http.MethodPost, base+"/programs/"+program+"/enrollments", token,
			map[string]any{"beneficiary_id": id})
		members = append(members, id)
	}

	const workers = 4
	loadFor := 12 * time.Second
	var (
		ackedNotes, ackedGifts, ackedEvents sync.Map
		ackedActivities, ackedAttendance    sync.Map // title -> true; activity id -> present ids
		seen                                sync.Map // status -> *atomic.Int64
		transportErrors                     atomic.Int64
		restartedAt                         atomic.Int64
	)
	count := func(code int) {
		v, _ := seen.LoadOrStore(code, &atomic.Int64{})
		v.(*atomic.Int64).Add(1)
	}
	start := time.Now()
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; time.Since(start) < loadFor; i++ {
				if i%4 == 3 {
					// An activity, then its attendance: two writes.
					title := fmt.Sprintf("restart-%d-%d", w, i)
					code, body, err := r.call(http.MethodPost, base+"/programs/"+program+"/activities", token,
						map[string]any{"title": title, "kind": "pelatihan", "held_on": "2026-03-06"})
					if err != nil {
						transportErrors.Add(1)
						continue
					}
					count(code)
					if code != http.StatusCreated {
						continue
					}
					ackedActivities.Store(title, true)
					present := members[:1+i%len(members)]
					code, _, err = r.call(http.MethodPut, base+"/activities/"+str(body, "id")+"/attendance", token,
						map[string]any{"present": present})
					if err != nil {
						transportErrors.Add(1)
						continue
					}
					count(code)
					if code == http.StatusOK {
						ackedAttendance.Store(str(body, "id"), present)
					}
				} else if i%4 == 2 {
					// A Stripe webhook delivery (Stripe retries anything but 2xx).
					id := fmt.Sprintf("evt_restart_%d_%d", w, i)
					payload := testkit.StripeEvent(id, "customer.created", map[string]any{"id": "cus_" + id, "object": "customer"})
					req, _ := http.NewRequest(http.MethodPost, r.base+"/api/v1/stripe/webhook", bytes.NewReader(payload))
					req.Header.Set("Content-Type", "application/json")
					req.Header.Set("Stripe-Signature", testkit.SignEvent(payload, time.Now()))
					code, _, err := do(req)
					if err != nil {
						transportErrors.Add(1)
						continue
					}
					count(code)
					if code == http.StatusOK {
						ackedEvents.Store(id, true)
					}
				} else if i%4 == 0 {
					note := fmt.Sprintf("restart-%d-%d", w, i)
					code, _, err := r.call(http.MethodPost, base+"/ledger", token, map[string]any{
						"kind": "income", "amount": 1000 + i, "currency": "idr", "category": "iuran",
						"occurred_on": "2026-03-06", "note": note})
					if err != nil {
						transportErrors.Add(1)
						continue
					}
					count(code)
					if code == http.StatusCreated {
						ackedNotes.Store(note, true)
					}
				} else {
					code, body, err := r.call(http.MethodPost, base+"/donations", token, map[string]any{
						"amount": 5000 + i, "currency": "idr", "method": "cash", "received_on": "2026-03-06",
						"donor": map[string]any{"name": "Ibu Donatur"}})
					if err != nil {
						transportErrors.Add(1)
						continue
					}
					count(code)
					if code == http.StatusCreated {
						ackedGifts.Store(str(body, "id"), true)
					}
				}
			}
		}()
	}
	time.Sleep(3 * time.Second)
	before := time.Now()
	out, err := exec.Command("pg_ctlcluster", version, cluster, "restart", "-m", "fast").CombinedOutput() // #nosec G204 -- generated cluster name
	if err != nil {
		t.Fatalf("restart: %v\n%s", err, out)
	}
	restartedAt.Store(time.Since(before).Milliseconds())
	wg.Wait()

	statuses := map[int]int64{}
	seen.Range(func(k, v any) bool { statuses[k.(int)] = v.(*atomic.Int64).Load(); return true })
	t.Logf("restart took %d ms; answers by status %v; transport errors %d", restartedAt.Load(), statuses, transportErrors.Load())
	for code, n := range statuses {
		if code != http.StatusCreated && code != http.StatusOK && code != http.StatusServiceUnavailable {
			t.Errorf("%d answers with status %d during the restart", n, code)
		}
	}
	if transportErrors.Load() > 0 {
		t.Errorf("%d requests got no answer", transportErrors.Load())
	}
	if statuses[http.StatusServiceUnavailable] == 0 {
		t.Error("no 503 while the database restarted: the restart was not under load")
	}
	// Recovered by itself: writes succeed again without restarting Peduli.
	r.must(t, http.StatusCreated, http.MethodPost, base+"/ledger", token, map[string]any{
		"kind": "income", "amount": 1, "currency": "idr", "category": "iuran", "occurred_on": "2026-03-06", "note": "after"})
	r.must(t, http.StatusOK, http.MethodGet, "/readyz", "", nil)

	owner, err := db.OpenPostgres(ownerURL, db.Options{MaxOpenConns: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer owner.Close()
	var rows []struct {
		Note string
		N    int
	}
	if err := owner.Global(ctx).Raw(`SELECT note, count(*) AS n FROM ledger_entries WHERE tenant_id = ? AND note LIKE 'restart-%' GROUP BY note`, tenantID).Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	stored := map[string]int{}
	for _, row := range rows {
		stored[row.Note] = row.N
	}
	acked := 0
	ackedNotes.Range(func(k, _ any) bool {
		acked++
		if stored[k.(string)] != 1 {
			t.Errorf("acknowledged entry %s stored %d times", k, stored[k.(string)])
		}
		return true
	})
	for note, n := range stored {
		if n != 1 {
			t.Errorf("entry %s stored %d times", note, n)
		}
	}
	var gifts []string
	if err := owner.Global(ctx).Raw(`SELECT id FROM donations WHERE tenant_id = ?`, tenantID).Scan(&gifts).Error; err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, id := range gifts {
		have[id] = true
	}
	ackedGiftCount := 0
	ackedGifts.Range(func(k, _ any) bool {
		ackedGiftCount++
		if !have[k.(string)] {
			t.Errorf("acknowledged gift %s is missing", k)
		}
		return true
	})
	var events []string
	if err := owner.Global(ctx).Raw(`SELECT id FROM stripe_events WHERE id LIKE 'evt_restart_%'`).Scan(&events).Error; err != nil {
		t.Fatal(err)
	}
	recorded := map[string]int{}
	for _, id := range events {
		recorded[id]++
	}
	ackedEventCount := 0
	ackedEvents.Range(func(k, _ any) bool {
		ackedEventCount++
		if recorded[k.(string)] != 1 {
			t.Errorf("acknowledged webhook delivery %s recorded %d times", k, recorded[k.(string)])
		}
		return true
	})
	var titles []struct {
		Title string
		N     int
	}
	if err := owner.Global(ctx).Raw(`SELECT title, count(*) AS n FROM program_activities WHERE tenant_id = ? AND title LIKE 'restart-%' GROUP BY title`,
		tenantID).Scan(&titles).Error; err != nil {
		t.Fatal(err)
	}
	activities := map[string]int{}
	for _, row := range titles {
		activities[row.Title] = row.N
		if row.N != 1 {
			t.Errorf("activity %s stored %d times", row.Title, row.N)
		}
	}
	ackedActivityCount := 0
	ackedActivities.Range(func(k, _ any) bool {
		ackedActivityCount++
		if activities[k.(string)] != 1 {
			t.Errorf("acknowledged activity %s stored %d times", k, activities[k.(string)])
		}
		return true
	})
	var marks []struct {
		ActivityID    string
		BeneficiaryID string
	}
	if err := owner.Global(ctx).Raw(`SELECT activity_id::text AS activity_id, beneficiary_id::text AS beneficiary_id
		FROM activity_attendance WHERE tenant_id = ?`, tenantID).Scan(&marks).Error; err != nil {
		t.Fatal(err)
	}
	marked := map[string][]string{}
	for _, m := range marks {
		marked[m.ActivityID] = append(marked[m.ActivityID], m.BeneficiaryID)
	}
	ackedAttendanceCount := 0
	ackedAttendance.Range(func(k, v any) bool {
		ackedAttendanceCount++
		want := slices.Clone(v.([]string))
		got := slices.Clone(marked[k.(string)])
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("acknowledged attendance of activity %s: stored %v, want %v", k, got, want)
		}
		return true
	})
	t.Logf("%d entries, %d gifts, %d webhook deliveries, %d activities and %d attendance sheets acknowledged; %d entries stored",
		acked, ackedGiftCount, ackedEventCount, ackedActivityCount, ackedAttendanceCount, len(rows))
	if ackedAttendanceCount == 0 {
		t.Error("no attendance acknowledged: the load marked none")
	}
	r.stop(t)
}
