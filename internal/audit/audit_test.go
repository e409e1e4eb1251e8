package audit_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// TestRecordListAndChanges: an event names who changed which fields of
// which record, never their values; the list shows it newest first with
// the actor's name, pages by cursor and filters by record; a change marks
// the group for the rollup, an audited read does not, and Settle keeps a
// mark that moved on since it was read.
func TestRecordListAndChanges(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		ctx := context.Background()
		g := e.SignupGroup("Rindu Sejahtera")
		scope := e.App.DB.Scope(g.TenantID)
		actor := audit.Actor{UserID: g.OwnerID, RequestID: "req-1", SessionID: db.NewID()}
		first, second := db.NewID(), db.NewID()
		record := func(action, entity, id string, fields ...string) {
			t.Helper()
			if err := scope.Write(ctx, func(tx *db.Tenant) error {
				return audit.Record(tx, actor, action, entity, id, fields...)
			}); err != nil {
				t.Fatal(err)
			}
		}
		seq := func() int64 {
			t.Helper()
			changes, err := audit.Changed(ctx, e.App.DB, 1000)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range changes {
				if c.TenantID == g.TenantID {
					return c.Seq
				}
			}
			return 0
		}
		if err := audit.Settle(ctx, e.App.DB, audit.Change{TenantID: g.TenantID, Seq: seq()}); err != nil {
			t.Fatal(err) // sign-up itself marked the group
		}

		record(audit.Create, "beneficiary", first, "name", "nik")
		if got := seq(); got != 1 {
			t.Fatalf("after a change the group's mark = %d, want 1", got)
		}
		record(audit.Update, "beneficiary", first, "phone")
		record(audit.ReadPersonal, "beneficiary", second)
		if got := seq(); got != 2 {
			t.Fatalf("after a second change and a read the mark = %d, want 2 (reads change nothing)", got)
		}

		page, err := audit.List(ctx, scope, identity.NamesIn, audit.Query{Entity: "beneficiary", Limit: 2})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Items) != 2 || page.NextCursor == nil {
			t.Fatalf("first page = %+v, want 2 items and a cursor", page)
		}
		top := page.Items[0]
		if top.Action != audit.ReadPersonal || top.EntityID != second || len(top.Fields) != 0 || top.RequestID != "req-1" ||
			top.ActorName == nil || *top.ActorName != "Ketua Rindu Sejahtera" {
			t.Fatalf("newest line = %+v", top)
		}
		if page.Items[1].Action != audit.Update || !slices.Equal(page.Items[1].Fields, []string{"phone"}) {
			t.Fatalf("second line = %+v", page.Items[1])
		}
		rest, err := audit.List(ctx, scope, identity.NamesIn, audit.Query{Entity: "beneficiary", Limit: 2, Cursor: *page.NextCursor})
		if err != nil {
			t.Fatal(err)
		}
		if len(rest.Items) != 1 || rest.NextCursor != nil || !slices.Equal(rest.Items[0].Fields, []string{"name", "nik"}) {
			t.Fatalf("last page = %+v", rest)
		}
		one, err := audit.List(ctx, scope, identity.NamesIn, audit.Query{Entity: "beneficiary", EntityID: first})
		if err != nil {
			t.Fatal(err)
		}
		if len(one.Items) != 2 {
			t.Fatalf("events about one record = %d, want 2", len(one.Items))
		}

		// Settle with a stale mark keeps the newer one; with the current one
		// it clears it.
		if err := audit.Settle(ctx, e.App.DB, audit.Change{TenantID: g.TenantID, Seq: 1}); err != nil {
			t.Fatal(err)
		}
		if got := seq(); got != 2 {
			t.Fatalf("a stale settle cleared the mark: %d", got)
		}
		if err := audit.Settle(ctx, e.App.DB, audit.Change{TenantID: g.TenantID, Seq: 2}); err != nil {
			t.Fatal(err)
		}
		if got := seq(); got != 0 {
			t.Fatalf("after settling the mark = %d, want none", got)
		}
	})
}

// TestListRefusesABadQuery: the list's own limits answer 422 with the
// field, before any query runs.
func TestListRefusesABadQuery(t *testing.T) {
	t.Parallel()
	long := string(make([]byte, 65))
	for _, c := range []struct {
		q     audit.Query
		field string
	}{
		{audit.Query{Limit: -1}, "limit"},
		{audit.Query{Limit: audit.MaxLimit + 1}, "limit"},
		{audit.Query{Cursor: "not-an-id"}, "cursor"},
		{audit.Query{Entity: long[:51]}, "entity"},
		{audit.Query{EntityID: long}, "entity_id"},
	} {
		// A zero Scope is never used: the query is refused first.
		_, err := audit.List(context.Background(), db.Scope{}, identity.NamesIn, c.q)
		var v *errs.ValidationError
		if !errors.As(err, &v) || len(v.Fields) != 1 || v.Fields[0].Field != c.field {
			t.Errorf("List(%+v) = %v, want a validation error on %s", c.q, err, c.field)
		}
	}
}

func TestNewEventNamesFieldsNotValues(t *testing.T) {
	t.Parallel()
	ev := audit.NewEvent("t1", "e1", audit.Actor{UserID: "u1"}, audit.Update, "beneficiary", "b1", time.Date(2026, 3, 5, 6, 30, 0, 0, time.UTC), "name", "phone")
	if ev.ActorID == nil || *ev.ActorID != "u1" || ev.SessionID != nil || ev.Fields != "name,phone" ||
		!slices.Equal(ev.FieldList(), []string{"name", "phone"}) {
		t.Fatalf("event = %+v", ev)
	}
	anon := audit.NewEvent("t1", "e2", audit.Actor{}, audit.Delete, "partner", "p1", time.Date(2026, 3, 5, 6, 30, 0, 0, time.UTC))
	if anon.ActorID != nil || anon.FieldList() == nil || len(anon.FieldList()) != 0 {
		t.Fatalf("event without actor or fields = %+v", anon)
	}
}
