// Package security holds the operators' tools for incidents: which personal
// records a user or a stolen session read, across every tenant.
package security

import (
	"context"
	"errors"
	"sort"
	"time"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/tenancy"
)

// DisclosingActions are the audited actions that show a person's personal
// data to the actor: a full-record read and a data-subject export.
var DisclosingActions = []string{"read_personal", "export"}

// ReadsQuery selects whose reads to list: a user, or one session (a token),
// within [From, To).
type ReadsQuery struct {
	UserID    string
	SessionID string
	From, To  time.Time
}

// Read is one disclosure of a personal record.
type Read struct {
	At         time.Time
	TenantID   string
	TenantSlug string
	ActorID    string
	SessionID  string
	Action     string
	Entity     string
	EntityID   string
	Fields     string
	RequestID  string
}

// PersonalReads lists the personal records the query's user or session
// read, oldest first, in every tenant. It is a deliberate cross-tenant
// path, run only from the command line by an operator holding database
// credentials: it visits each tenant through that tenant's own scope (so
// row-level security stays in force, even for the owner role), only reads,
// and reports ids and field names — never the personal values themselves.
func PersonalReads(ctx context.Context, d *db.DB, q ReadsQuery) ([]Read, error) {
	if (q.UserID == "") == (q.SessionID == "") {
		return nil, errors.New("give exactly one of a user and a session")
	}
	if !q.To.After(q.From) {
		return nil, errors.New("the window must end after it starts")
	}
	tenants, err := tenancy.NewStore(d).TenantRefs(ctx)
	if err != nil {
		return nil, err
	}
	var out []Read
	for _, t := range tenants {
		err := d.Scope(t.ID).Read(ctx, func(tx *db.Tenant) error {
			rows, err := audit.ActionsBy(tx, DisclosingActions, q.UserID, q.SessionID, q.From, q.To)
			if err != nil {
				return err
			}
			for _, r := range rows {
				out = append(out, Read{At: r.CreatedAt.UTC(), TenantID: t.ID, TenantSlug: t.Slug,
					ActorID: deref(r.ActorID), SessionID: deref(r.SessionID), Action: r.Action,
					Entity: r.Entity, EntityID: r.EntityID, Fields: r.Fields, RequestID: r.RequestID})
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
