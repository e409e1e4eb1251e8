package devseed

import (
	"context"
	"reflect"
	"time"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/funds"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/programs"
	"github.com/peduli/peduli/internal/registry"
)

// rows is one group's tenant data, in insertion order.
type rows struct {
	people      []registry.Beneficiary
	consents    []registry.ConsentRecord
	programs    []programs.Program
	enrollments []programs.Enrollment
	activities  []programs.Activity
	attendance  []programs.Attendance
	outcomes    []programs.Outcome
	donations   []funds.Donation
	entries     []funds.LedgerEntry
	routes      []funds.Route
	receipts    map[int]int64 // year → last receipt number
	audit       []audit.Event
}

// actors returns the team members holding one of roles: who may write
// people and programs (owner, admin, facilitator) or money (owner, admin,
// treasurer), as the shared permissions grant.
func actors(gr group, roles ...access.Role) []audit.Actor {
	var out []audit.Actor
	for i, u := range gr.staff {
		for _, r := range roles {
			if gr.roles[i] == r {
				out = append(out, audit.Actor{UserID: u.ID})
			}
		}
	}
	return out
}

// groupData writes the group's tenant data: its key first (in its own
// transaction, as the registry does), then its team and everything else in
// one transaction of the group's scope.
func (p *plan) groupData(ctx context.Context, gr group) (Result, error) {
	scope := p.d.DB.Scope(gr.tenant.ID)
	key, err := p.d.Registry.Keys.Current(ctx, scope)
	if err != nil {
		return Result{}, err
	}
	g := newGen(p.o.Seed, groupStream(gr.n)+1<<32)
	writers := actors(gr, access.Owner, access.Admin, access.Facilitator)
	money := actors(gr, access.Owner, access.Admin, access.Treasurer)
	var rs rows
	people, err := p.people(g, gr, key, writers)
	if err != nil {
		return Result{}, err
	}
	for _, pr := range people {
		rs.people = append(rs.people, pr.Record)
		if pr.Consent != nil {
			rs.consents = append(rs.consents, *pr.Consent)
		}
		rs.audit = append(rs.audit, pr.Audit)
	}
	if err := p.programs(g, gr, key, writers, &rs); err != nil {
		return Result{}, err
	}
	if err := p.money(g, gr, money, &rs); err != nil {
		return Result{}, err
	}
	var n int64
	err = scope.Write(ctx, func(t *db.Tenant) error {
		if err := p.d.Registry.Keys.Hold(t, key.Version); err != nil {
			return err
		}
		team := make([]access.Member, len(gr.staff))
		for i, u := range gr.staff {
			team[i] = access.Member{UserID: u.ID, Role: gr.roles[i]}
		}
		if err := access.InsertMembers(t, team, gr.tenant.CreatedAt); err != nil {
			return err
		}
		n += int64(len(team))
		for _, list := range []any{rs.people, rs.consents, rs.programs, rs.enrollments, rs.activities,
			rs.attendance, rs.outcomes, rs.donations, rs.entries, rs.routes, rs.audit} {
			c, err := p.insert(t, list)
			if err != nil {
				return err
			}
			n += c
		}
		for year, last := range rs.receipts {
			if err := funds.SetReceiptCounter(t, funds.GroupReceiptSeries(t.ID), year, last); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return Result{Beneficiaries: int64(len(rs.people)), Rows: n}, err
}

// insert writes a slice of rows in multi-row INSERT statements.
func (p *plan) insert(t *db.Tenant, list any) (int64, error) {
	n := reflect.ValueOf(list).Len()
	if n == 0 {
		return 0, nil
	}
	return int64(n), t.DB().CreateInBatches(list, p.batchSize).Error
}

// dayAt is the day d days after the start of the year, at hour h (UTC).
func (p *plan) dayAt(d, h int) time.Time {
	return p.start.AddDate(0, 0, d).Add(time.Duration(h) * time.Hour)
}

// months lists the twelve months of the year of activity, oldest first,
// each as its first day.
func (p *plan) months() []time.Time {
	first := time.Date(p.start.Year(), p.start.Month(), 1, 0, 0, 0, 0, time.UTC)
	out := make([]time.Time, 0, 12)
	for m := first; !m.After(p.o.Until); m = m.AddDate(0, 1, 0) {
		out = append(out, m)
	}
	if len(out) > 12 {
		out = out[len(out)-12:]
	}
	return out
}
