//go:build scale

package regions_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"os"
	"sort"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/app"
	"github.com/peduli/peduli/internal/platform/config"
	"github.com/peduli/peduli/internal/regions"
)

// TestScaleRollupAndReport measures, on a database seeded beforehand (peduli
// dev seed), how fast the rollup job refreshes changed groups and how long
// the coordinators' reads take. It is a measurement, not a check; run it
// with the serving configuration in the environment:
//
//	PEDULI_DATABASE_URL=… PEDULI_MIGRATE_DATABASE_URL=… PEDULI_SECRET_KEY=… \
//	  go test -tags scale -run TestScaleRollupAndReport -v ./internal/regions/
func TestScaleRollupAndReport(t *testing.T) {
	a := openScaleApp(t)
	ctx := context.Background()
	g := a.DB.Global(ctx)
	var groups int64
	if err := g.Table("tenants").Count(&groups).Error; err != nil {
		t.Fatal(err)
	}

	// Every group changed: the rollup job's worst case.
	if err := g.Exec(`INSERT INTO group_changes (tenant_id, changed_at, seq)
		SELECT id, ?, 1 FROM tenants ON CONFLICT (tenant_id) DO UPDATE SET seq = group_changes.seq + 1`,
		time.Now().UTC()).Error; err != nil {
		t.Fatal(err)
	}
	start, n := time.Now(), 0
	for {
		k, err := a.Regions.RefreshChanged(ctx, regions.RefreshBatch)
		if err != nil {
			t.Fatal(err)
		}
		n += k
		if k < regions.RefreshBatch {
			break
		}
	}
	took := time.Since(start)
	t.Logf("rollup: %d changed groups (of %d) in %s = %.1f groups/s", n, groups, took.Round(time.Millisecond), float64(n)/took.Seconds())
	start = time.Now()
	if k, err := a.Regions.RefreshChanged(ctx, regions.RefreshBatch); err != nil || k != 0 {
		t.Fatalf("second pass refreshed %d (%v)", k, err)
	}
	t.Logf("rollup with nothing changed: %s", time.Since(start).Round(time.Microsecond))

	var ids []string
	if err := g.Table("tenants").Order("id").Limit(20).Pluck("id", &ids).Error; err != nil {
		t.Fatal(err)
	}
	var read, compute, change time.Duration
	for _, id := range ids {
		f, c, ch, err := a.Regions.RefreshParts(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		read, compute, change = read+f, compute+c, change+ch
	}
	k := time.Duration(len(ids))
	t.Logf("one group's refresh, mean of %d: reading its facts %s, computing figures, months and report rows %s, last change %s", len(ids),
		(read / k).Round(time.Microsecond), (compute / k).Round(time.Microsecond), (change / k).Round(time.Microsecond))

	measureReads(t, a)
}

// TestScaleReads times only the coordinators' reads, on a rollup already
// filled (by TestScaleRollupAndReport or the job):
//
//	go test -tags scale -run TestScaleReads -v -cpuprofile cpu.out ./internal/regions/
func TestScaleReads(t *testing.T) {
	measureReads(t, openScaleApp(t))
}

// openScaleApp builds the application from the serving configuration in
// the environment, closed when the test ends.
func openScaleApp(t *testing.T) *app.App {
	t.Helper()
	cfg, err := config.Load("scale", nil)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	d, err := app.Open(context.Background(), cfg, log)
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.New(cfg, log, d)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = a.Close() })
	return a
}

func measureReads(t *testing.T, a *app.App) {
	ctx := context.Background()
	for _, code := range []string{"53", "53.01"} {
		r, err := a.Tenancy.Store.Region(ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		from, to, err := regions.Period("", "", time.Now().UTC())
		if err != nil {
			t.Fatal(err)
		}
		measure(t, "region report "+code, 10, func() error {
			_, err := a.Regions.Report(ctx, r, from, to, "scale")
			return err
		})
		measure(t, "region groups "+code, 30, func() error {
			_, err := a.Regions.GroupsPage(ctx, code, regions.GroupQuery{Sort: "-beneficiaries_served"})
			return err
		})
		measure(t, "region months "+code, 30, func() error {
			_, err := a.Regions.RegionMonths(ctx, code)
			return err
		})
	}
}

func measure(t *testing.T, name string, runs int, fn func() error) {
	t.Helper()
	var took []time.Duration
	for range runs {
		start := time.Now()
		if err := fn(); err != nil {
			t.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
	p := func(q float64) time.Duration {
		return took[min(len(took)-1, int(q*float64(len(took))))].Round(time.Microsecond)
	}
	t.Logf("%s: %d runs, p50 %s, p99 %s", name, runs, p(0.5), p(0.99))
}

// TestScaleServe serves the API on 127.0.0.1:18093 (PEDULI_SCALE_ADDR) for
// PEDULI_SCALE_SERVE (default 5m) without running background jobs, so
// curl or hey can time the coordinators' routes over HTTP on a seeded
// database that another server's job queue also uses:
//
//	PEDULI_DATABASE_URL=… PEDULI_SECRET_KEY=… \
//	  go test -tags scale -run TestScaleServe -v -timeout 20m ./internal/regions/
func TestScaleServe(t *testing.T) {
	a := openScaleApp(t)
	addr, serve := os.Getenv("PEDULI_SCALE_ADDR"), 5*time.Minute
	if addr == "" {
		addr = "127.0.0.1:18093"
	}
	if s := os.Getenv("PEDULI_SCALE_SERVE"); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil {
			t.Fatal(err)
		}
		serve = d
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = a.HTTP.Listener(ln) }()
	t.Logf("serving on %s for %s", addr, serve)
	time.Sleep(serve)
	if err := a.HTTP.ShutdownWithTimeout(5 * time.Second); err != nil {
		t.Fatal(err)
	}
}

// TestScaleXLSX times writing the province's region report as a workbook
// (last month, from the rollup), the file alone, on a seeded database. It
// only reads. Run with PEDULI_MIGRATE_ON_START=false and the serving
// configuration, as TestScaleRollupAndReport.
func TestScaleXLSX(t *testing.T) {
	cfg, err := config.Load("scale", nil)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	ctx := context.Background()
	d, err := app.Open(ctx, cfg, log)
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.New(cfg, log, d)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	region, err := a.Tenancy.Store.Region(ctx, "53")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	month := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -1, 0).Format(time.DateOnly)
	from, to, err := regions.Period(month, month, now)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := a.Regions.Report(ctx, region, from, to, "scale")
	if err != nil {
		t.Fatal(err)
	}
	funds, err := a.Regions.ReportFunds(ctx, "53")
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		start := time.Now()
		var n countingWriter
		if err := regions.WriteXLSX(&n, rep, funds); err != nil {
			t.Fatal(err)
		}
		t.Logf("XLSX of %d groups: %d bytes in %v", len(rep.Groups), n, time.Since(start))
	}
}

type countingWriter int

func (w *countingWriter) Write(p []byte) (int, error) {
	*w += countingWriter(len(p))
	return len(p), nil
}
