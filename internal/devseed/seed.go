// Package devseed fills a database with many realistic groups for
// development and load tests (peduli dev seed). It is a developer's tool:
// the server never runs it. Rows are built by each feature's own builders
// (registry.Service.Prepare, programs.ProgramFromTemplate,
// funds.Service.PrepareRecord …), so they pass the same checks and carry
// the same sealing as rows the services write, and are inserted many at a
// time, each group in its own tenant-scoped transaction (row-level
// security on, as for the services).
package devseed

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/peduli/peduli/internal/funds"
	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/programs"
	"github.com/peduli/peduli/internal/registry"
	"github.com/peduli/peduli/internal/tenancy"
)

// SlugPrefix starts the slug of every seeded group: seed-00000, seed-00001 …
const SlugPrefix = "seed-"

// Options say how much to seed.
type Options struct {
	Groups        int
	Staff         int // team members per group, the owner included
	Beneficiaries int // per group
	Seed          uint64
	// Until is the last day of the year of activity, donations and ledger
	// entries each group gets.
	Until time.Time
	// Password is every seeded user's password (hashed once).
	Password string
	// Workers is how many groups are written at once.
	Workers int
	// Progress receives a line now and then; may be nil.
	Progress io.Writer
}

// Deps are the features whose builders and stores the seeder uses.
type Deps struct {
	DB       *db.DB
	Tenancy  *tenancy.Store
	Registry *registry.Service
	Programs *programs.Store
	Funds    *funds.Service
}

// Result counts what was written.
type Result struct {
	Groups, Users, Beneficiaries, Rows int64
	Took                               time.Duration
}

// GroupSlug is the slug of the n-th seeded group.
func GroupSlug(n int) string { return fmt.Sprintf("%s%05d", SlugPrefix, n) }

// StaffEmail is the login of the i-th team member of the n-th group; the
// owner is 0, the admin 1, the treasurer 2, the rest facilitators and
// viewers.
func StaffEmail(n, i int) string { return fmt.Sprintf("staf%d@%s.seed.test", i, GroupSlug(n)) }

// CoordinatorEmail is the login of the coordinator of a region (the
// province "53" or a regency such as "53.71").
func CoordinatorEmail(code string) string {
	return "koordinator-" + strings.ReplaceAll(code, ".", "-") + "@seed.test"
}

// ErrSeeded means the database already holds seeded groups.
var ErrSeeded = errors.New("devseed: this database already holds seeded groups (seed-00000 exists)")

// plan is what every group shares: the region tree and the templates.
type plan struct {
	o         Options
	d         Deps
	regions   []tenancy.Region // where groups are placed: NTT regencies and below
	names     map[string]string
	income    []programs.Template // templates with an income indicator
	other     []programs.Template
	hash      string
	start     time.Time // first day of the year of activity
	batchSize int
}

// Run seeds o.Groups groups and returns what it wrote.
func Run(ctx context.Context, d Deps, o Options) (Result, error) {
	began := time.Now()
	p, err := newPlan(ctx, d, o)
	if err != nil {
		return Result{}, err
	}
	var res Result
	users, err := p.coordinators(ctx)
	if err != nil {
		return Result{}, err
	}
	res.Users += users
	const chunk = 50
	type job struct{ from, to int }
	jobs := make(chan job)
	var firstErr error
	var errOnce sync.Once
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var done atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < o.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				r, err := p.chunk(ctx, j.from, j.to)
				if err != nil {
					errOnce.Do(func() { firstErr = err; cancel() })
					return
				}
				atomic.AddInt64(&res.Users, r.Users)
				atomic.AddInt64(&res.Beneficiaries, r.Beneficiaries)
				atomic.AddInt64(&res.Rows, r.Rows)
				n := done.Add(int64(j.to - j.from))
				if o.Progress != nil {
					el := time.Since(began)
					fmt.Fprintf(o.Progress, "%d/%d groups, %d rows, %s (%.0f groups/s)\n", n, o.Groups,
						atomic.LoadInt64(&res.Rows), el.Round(time.Second), float64(n)/el.Seconds())
				}
			}
		}()
	}
feed:
	for from := 0; from < o.Groups; from += chunk {
		select {
		case jobs <- job{from, min(from+chunk, o.Groups)}:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if firstErr != nil {
		return res, firstErr
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	res.Groups = int64(o.Groups)
	res.Took = time.Since(began)
	return res, nil
}

func newPlan(ctx context.Context, d Deps, o Options) (*plan, error) {
	v := &errs.ValidationError{}
	if o.Groups < 1 || o.Groups > 99999 {
		v.Add("groups", "range", "must be 1–99999")
	}
	if o.Staff < 1 || o.Staff > 1000 {
		v.Add("staff", "range", "must be 1–1000")
	}
	if o.Beneficiaries < 0 || o.Beneficiaries > 9999 {
		v.Add("beneficiaries", "range", "must be 0–9999")
	}
	if msg := identity.CheckPasswordRules(o.Password); msg != "" {
		v.Add("password", "password", msg)
	}
	if o.Until.IsZero() {
		v.Add("until", "required", "is required")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if o.Workers < 1 {
		o.Workers = 1
	}
	if _, err := d.Tenancy.TenantBySlug(ctx, GroupSlug(0)); err == nil {
		return nil, ErrSeeded
	} else if !errors.Is(err, errs.ErrNotFound) {
		return nil, err
	}
	regions, err := d.Tenancy.Regions(ctx)
	if err != nil {
		return nil, err
	}
	p := &plan{o: o, d: d, names: map[string]string{}, batchSize: 1000}
	if d.DB.Dialect == db.SQLite {
		p.batchSize = 400 // SQLite allows 32,766 parameters a statement
	}
	for _, r := range regions {
		p.names[r.Code] = r.Name
		if strings.HasPrefix(r.Code, "53.") {
			p.regions = append(p.regions, r)
		}
	}
	if len(p.regions) == 0 {
		return nil, errors.New("devseed: the region tree has no region of Nusa Tenggara Timur (53); apply tenants/ first")
	}
	tpls, err := d.Programs.Templates(ctx, false)
	if err != nil {
		return nil, err
	}
	for _, t := range tpls {
		pr := programs.Program{Indicators: t.Indicators}
		if _, ok := pr.IncomeIndicator(); ok {
			p.income = append(p.income, t)
		} else {
			p.other = append(p.other, t)
		}
	}
	if len(p.income) == 0 {
		return nil, errors.New("devseed: no program template with an income indicator; apply tenants/ first")
	}
	sort.Slice(p.regions, func(i, j int) bool { return p.regions[i].Code < p.regions[j].Code })
	if p.hash, err = identity.HashPassword(o.Password); err != nil {
		return nil, err
	}
	u := o.Until.UTC()
	p.o.Until = time.Date(u.Year(), u.Month(), u.Day(), 0, 0, 0, 0, time.UTC)
	p.start = p.o.Until.AddDate(-1, 0, 1)
	return p, nil
}
