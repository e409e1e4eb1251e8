package replicas_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/app"
	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/jobs"
	"github.com/peduli/peduli/internal/platform/config"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/regions"
	"github.com/peduli/peduli/internal/testkit"
)

// roleChangeBound is how long a role change may take to reach another
// replica: the change is announced at once, and every replica reloads the
// policy every 30 s regardless (cmd/peduli casbinReload).
const roleChangeBound = 31 * time.Second

// TestThreeReplicas runs three `peduli serve` processes on one PostgreSQL
// database and checks that they behave as one.
func TestThreeReplicas(t *testing.T) {
	if testing.Short() {
		t.Skip("starts real processes")
	}
	if !slices.Contains(testkit.Dialects(t), db.Postgres) {
		t.Skip("needs PostgreSQL (PEDULI_TEST_POSTGRES_URL)")
	}
	e := testkit.New(t, db.Postgres)
	g := e.SignupGroup("Kelompok Tiga Replika")
	member := e.AddMember(g, access.Viewer)
	sink := testkit.NewSMTPSink(t)

	env := func() map[string]string {
		m := map[string]string{
			"PEDULI_DATABASE_URL":         e.App.Config.DatabaseURL,
			"PEDULI_MIGRATE_DATABASE_URL": e.App.Config.MigrateDatabaseURL,
			"PEDULI_MIGRATE_ON_START":     "false",
			"PEDULI_SECRET_KEY":           testkit.SecretKey,
			"PEDULI_BASE_URL":             "http://peduli.test",
			"PEDULI_DRAIN":                "0s",
			"PEDULI_SMTP_URL":             sink.URL("noreply@peduli.test"),
		}
		if ep := os.Getenv("PEDULI_TEST_S3_ENDPOINT"); ep != "" {
			m["PEDULI_S3_ENDPOINT"], m["PEDULI_S3_BUCKET"], m["PEDULI_S3_REGION"] = ep, "peduli-replicas", "us-east-1"
			m["PEDULI_S3_ACCESS_KEY"] = os.Getenv("PEDULI_TEST_S3_ACCESS_KEY")
			m["PEDULI_S3_SECRET_KEY"] = os.Getenv("PEDULI_TEST_S3_SECRET_KEY")
		}
		return m
	}
	var r [3]*replica
	for i := range r {
		r[i] = startReplica(t, fmt.Sprintf("replica-%d", i), env())
	}
	allUp := time.Now()
	ledger := "/api/v1/t/" + g.Slug + "/ledger"

	t.Run("each periodic job is inserted once for the cluster", func(t *testing.T) {
		// The elected leader alone inserts periodic jobs; the rollup runs at
		// election. Wait for it, and for every replica to have had time to
		// take part in (and lose) a few elections.
		ctx := context.Background()
		deadline := time.Now().Add(time.Minute)
		for {
			var n int64
			if err := e.Owner.Global(ctx).Raw(`SELECT count(*) FROM river_job WHERE kind = ? AND state = 'completed'`,
				app.RollupChanged{}.Kind()).Scan(&n).Error; err != nil {
				t.Fatal(err)
			}
			if n > 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("no rollup worked within a minute of three replicas starting")
			}
			time.Sleep(200 * time.Millisecond)
		}
		if wait := 12*time.Second - time.Since(allUp); wait > 0 {
			time.Sleep(wait)
		}
		every := map[string]time.Duration{
			app.RollupChanged{}.Kind(): app.RollupEvery,
			app.RollupDay{}.Kind():     regions.PassEvery,
			app.Prune{}.Kind():         app.PruneEvery,
		}
		var rows []struct {
			Kind      string
			State     string
			Attempt   int
			CreatedAt time.Time
		}
		if err := e.Owner.Global(ctx).Raw(`SELECT kind, state, attempt, created_at FROM river_job
			WHERE kind IN ? ORDER BY kind, created_at`, slices.Collect(maps.Keys(every))).Scan(&rows).Error; err != nil {
			t.Fatal(err)
		}
		count := map[string]int{}
		last := map[string]time.Time{}
		for _, row := range rows {
			count[row.Kind]++
			if prev, ok := last[row.Kind]; ok && row.CreatedAt.Sub(prev) < every[row.Kind]/2 {
				t.Errorf("%s inserted twice %v apart (every %v)", row.Kind, row.CreatedAt.Sub(prev), every[row.Kind])
			}
			last[row.Kind] = row.CreatedAt
			if row.State == "completed" && row.Attempt != 1 {
				t.Errorf("%s completed at attempt %d", row.Kind, row.Attempt)
			}
		}
		// Started at election: one each, not one per replica; later, one per
		// due time at most. The prune is first due an hour after election.
		for kind, interval := range every {
			due := 0
			if kind != (app.Prune{}).Kind() {
				due = 1 + int(time.Since(allUp)/interval)
			}
			if count[kind] < min(due, 1) || count[kind] > due {
				t.Errorf("%s inserted %d times %v after three replicas started (every %v), want 1..%d",
					kind, count[kind], time.Since(allUp).Round(time.Second), interval, due)
			}
		}
		t.Logf("periodic jobs %v after %v with three replicas", count, time.Since(allUp).Round(time.Second))
	})

	t.Run("a session works on every replica", func(t *testing.T) {
		m := r[0].must(t, http.StatusOK, http.MethodPost, "/api/v1/auth/login", "",
			map[string]any{"email": member.Email, "password": testkit.Password})
		token := str(m, "token")
		r[1].must(t, http.StatusOK, http.MethodGet, "/api/v1/me", token, nil)
		r[2].must(t, http.StatusOK, http.MethodGet, "/api/v1/t/"+g.Slug, token, nil)
		r[2].must(t, http.StatusNoContent, http.MethodPost, "/api/v1/auth/logout", token, nil)
		r[0].must(t, http.StatusUnauthorized, http.MethodGet, "/api/v1/me", token, nil)
	})

	t.Run("a role change on one replica holds on another", func(t *testing.T) {
		entry := map[string]any{"kind": "income", "amount": 1000, "currency": "idr", "category": "iuran", "occurred_on": "2026-03-03"}
		r[2].must(t, http.StatusForbidden, http.MethodPost, ledger, member.Token, entry)
		r[1].must(t, http.StatusOK, http.MethodPatch, "/api/v1/t/"+g.Slug+"/team/"+member.UserID, g.OwnerToken,
			map[string]any{"role": access.Treasurer})
		changed := time.Now()
		for {
			code, _, err := r[2].call(http.MethodPost, ledger, member.Token, entry)
			if err == nil && code == http.StatusCreated {
				t.Logf("role change seen on another replica after %v", time.Since(changed).Round(time.Millisecond))
				break
			}
			if time.Since(changed) > roleChangeBound {
				t.Fatalf("role change not enforced on another replica within %v (last %d, %v)", roleChangeBound, code, err)
			}
			time.Sleep(100 * time.Millisecond)
		}
		// And back: the demotion holds everywhere too.
		r[0].must(t, http.StatusOK, http.MethodPatch, "/api/v1/t/"+g.Slug+"/team/"+member.UserID, g.OwnerToken,
			map[string]any{"role": access.Viewer})
		changed = time.Now()
		for {
			code, _, err := r[1].call(http.MethodPost, ledger, member.Token, entry)
			if err == nil && code == http.StatusForbidden {
				break
			}
			if time.Since(changed) > roleChangeBound {
				t.Fatalf("demotion not enforced on another replica within %v (last %d, %v)", roleChangeBound, code, err)
			}
			time.Sleep(100 * time.Millisecond)
		}
	})

	t.Run("the login throttle counts across replicas", func(t *testing.T) {
		// The free failures and the one past them, spread over the three
		// replicas, block the account from this address (1 s at first) on
		// every replica, even with the right password.
		wrong := map[string]any{"email": g.OwnerEmail, "password": "not the password at all"}
		for i := range identity.AccountFreeFailures + 1 {
			r[i%3].must(t, http.StatusUnauthorized, http.MethodPost, "/api/v1/auth/login", "", wrong)
		}
		codes := make([]int, len(r))
		var wg sync.WaitGroup
		for i := range r {
			wg.Add(1)
			go func() {
				defer wg.Done()
				codes[i], _, _ = r[i].call(http.MethodPost, "/api/v1/auth/login", "",
					map[string]any{"email": g.OwnerEmail, "password": testkit.Password})
			}()
		}
		wg.Wait()
		for i, code := range codes {
			if code != http.StatusTooManyRequests {
				t.Errorf("replica-%d after %d failures spread over three replicas: %d", i, identity.AccountFreeFailures+1, code)
			}
		}
	})

	t.Run("the anonymous-write limits count across replicas", func(t *testing.T) {
		// The replicas serve with the production limits (nothing in their
		// environment turns them off): ten sign-ups an hour from one
		// address, whichever replica takes them. Each sign-up queues one
		// verification mail, worked once by whichever replica fetches it.
		limit := config.DefaultLimits().SignupsPerAddress
		signup := func(i int) (int, map[string]any, string) {
			slug := testkit.Unique("batas")
			code, m, err := r[i%3].call(http.MethodPost, "/api/v1/signup", "", map[string]any{
				"group": map[string]any{"name": "Kelompok Batas " + slug, "slug": slug, "region_code": "53.01.08.2011"},
				"owner": map[string]any{"name": "Ketua Batas", "email": slug + "@example.org", "password": testkit.Password},
			})
			if err != nil {
				t.Fatalf("replica-%d: sign-up: %v", i%3, err)
			}
			return code, m, slug + "@example.org"
		}
		var owners []string
		for i := range limit.Count {
			code, m, email := signup(i)
			if code != http.StatusCreated {
				t.Fatalf("replica-%d: sign-up %d of %d = %d %v", i%3, i+1, limit.Count, code, m)
			}
			owners = append(owners, email)
		}
		for i := limit.Count; i < limit.Count+len(r); i++ {
			slug := testkit.Unique("lewat")
			req, _ := http.NewRequest(http.MethodPost, r[i%3].base+"/api/v1/signup", strings.NewReader(fmt.Sprintf(
				`{"group":{"name":"Kelompok Lewat","slug":%q,"region_code":"53.01.08.2011"},"owner":{"name":"Ketua Lewat","email":"%s@example.org","password":%q}}`,
				slug, slug, testkit.Password)))
			req.Header.Set("Content-Type", "application/json")
			res, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			secs, _ := strconv.Atoi(res.Header.Get("Retry-After"))
			if res.StatusCode != http.StatusTooManyRequests || !strings.Contains(string(body), `"rate_limited"`) ||
				secs < 1 || secs > int(limit.Window.Seconds()) {
				t.Errorf("replica-%d: sign-up %d after %d spread over three replicas = %d, Retry-After %q, %s",
					i%3, i+1, limit.Count, res.StatusCode, res.Header.Get("Retry-After"), body)
			}
			var n int64
			if err := e.Owner.Global(context.Background()).Raw(`SELECT count(*) FROM tenants WHERE slug = ?`, slug).
				Scan(&n).Error; err != nil || n != 0 {
				t.Errorf("refused sign-up %s: %d groups (%v)", slug, n, err)
			}
		}

		sink.Wait(t, len(owners), time.Minute)
		// Give the other replicas time to fetch a job twice, were it
		// possible.
		time.Sleep(3 * jobs.PollEvery)
		for _, email := range owners {
			n := 0
			for _, m := range sink.All() {
				if strings.Contains(m, email) {
					n++
				}
			}
			if n != 1 {
				t.Errorf("verification mail to the owner of sign-up %s sent %d times", email, n)
			}
		}
		var rows []struct {
			State   string
			Attempt int
			N       int
		}
		if err := e.Owner.Global(context.Background()).Raw(`SELECT state, attempt, count(*) AS n FROM river_job
			WHERE kind = ? GROUP BY state, attempt`, identity.VerifyMail{}.Kind()).Scan(&rows).Error; err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 || rows[0].State != "completed" || rows[0].Attempt != 1 || rows[0].N != len(owners) {
			t.Errorf("verification mail jobs %+v, want %d completed at the first attempt", rows, len(owners))
		}
	})

	t.Run("an upload on one replica is served by another", func(t *testing.T) {
		if os.Getenv("PEDULI_TEST_S3_ENDPOINT") == "" {
			testkit.S3(t) // skips, or fails where the object store is required
		}
		pdf := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte{9}, 4096)...)
		m := r[0].upload(t, g.Slug, g.OwnerToken, pdf)
		for _, other := range r[1:] {
			req, _ := http.NewRequest(http.MethodGet, other.base+ledger+"/"+str(m, "id")+"/receipt", nil)
			req.Header.Set("Authorization", "Bearer "+g.OwnerToken)
			res, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			_, _ = got.ReadFrom(res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusOK || !bytes.Equal(got.Bytes(), pdf) {
				t.Fatalf("%s served the receipt with %d, %d bytes", other.name, res.StatusCode, got.Len())
			}
		}
	})

	t.Run("a replica killed during writes loses no acknowledged write", func(t *testing.T) {
		const writers, perWriter = 6, 40
		var acked sync.Map // note -> true
		var ackCount, failed atomic.Int64
		killAt := int64(writers * perWriter / 4)
		var killOnce sync.Once
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		var wg sync.WaitGroup
		for w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range perWriter {
					if ctx.Err() != nil {
						return
					}
					note := fmt.Sprintf("burst-%d-%d", w, i)
					target := r[(w+i)%3]
					code, _, err := target.call(http.MethodPost, ledger, g.OwnerToken, map[string]any{
						"kind": "income", "amount": 100 + i, "currency": "idr", "category": "iuran",
						"occurred_on": "2026-03-05", "note": note})
					if err == nil && code == http.StatusCreated {
						acked.Store(note, true)
						if ackCount.Add(1) == killAt {
							killOnce.Do(r[2].kill)
						}
					} else {
						failed.Add(1)
					}
				}
			}()
		}
		wg.Wait()
		if ackCount.Load() < killAt {
			t.Fatalf("only %d writes acknowledged", ackCount.Load())
		}
		var rows []struct {
			Note string
			N    int
		}
		err := e.Owner.Global(context.Background()).Raw(`SELECT note, count(*) AS n FROM ledger_entries
			WHERE tenant_id = ? AND note LIKE 'burst-%' GROUP BY note`, g.TenantID).Scan(&rows).Error
		if err != nil {
			t.Fatal(err)
		}
		stored := map[string]int{}
		for _, row := range rows {
			stored[row.Note] = row.N
			if row.N != 1 {
				t.Errorf("write %s stored %d times", row.Note, row.N)
			}
		}
		missing := 0
		acked.Range(func(k, _ any) bool {
			if stored[k.(string)] != 1 {
				missing++
				t.Errorf("acknowledged write %s stored %d times", k, stored[k.(string)])
			}
			return true
		})
		t.Logf("%d writes acknowledged, %d failed (the killed replica), %d stored, %d acknowledged ones missing",
			ackCount.Load(), failed.Load(), len(rows), missing)
		if failed.Load() == 0 {
			t.Error("no write failed: the replica was not killed during the burst")
		}
	})

	r[0].stop(t)
	r[1].stop(t)
}
