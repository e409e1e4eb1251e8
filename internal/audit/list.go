package audit

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
)

// List paging limits.
const (
	DefaultLimit = 50
	MaxLimit     = 200
)

// Query selects a page of a tenant's audit log, newest first: events
// older than the one whose id is Cursor, optionally about one entity.
type Query struct {
	Limit    int
	Cursor   string
	Entity   string
	EntityID string
}

// Line is one event as the audit list shows it: who did what to which
// record, and which fields — never their values.
type Line struct {
	ID        string    `json:"id"`
	ActorID   *string   `json:"actor_id"`
	ActorName *string   `json:"actor_name"`
	Action    string    `json:"action"`
	Entity    string    `json:"entity"`
	EntityID  string    `json:"entity_id"`
	Fields    []string  `json:"fields"`
	RequestID string    `json:"request_id,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

// Page is one page of the audit log.
type Page struct {
	Items      []Line  `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

// Names maps user ids to names, read through q. Identity keeps the
// people; audit only shows their names (identity.NamesIn).
type Names func(q *gorm.DB, ids []string) (map[string]string, error)

// List returns a page of the tenant's audit log, newest first, naming each
// actor through names.
func List(ctx context.Context, scope db.Scope, names Names, q Query) (Page, error) {
	if err := checkQuery(&q); err != nil {
		return Page{}, err
	}
	page := Page{Items: []Line{}}
	err := scope.Read(ctx, func(t *db.Tenant) error {
		query := t.DB().Table("audit_events AS e").Select("e.*").Where("e.tenant_id = ?", t.ID)
		if q.Entity != "" {
			query = query.Where("e.entity = ?", q.Entity)
		}
		if q.EntityID != "" {
			query = query.Where("e.entity_id = ?", q.EntityID)
		}
		if q.Cursor != "" {
			query = query.Where("(e.created_at, e.id) < (SELECT c.created_at, c.id FROM audit_events c WHERE c.tenant_id = ? AND c.id = ?)", t.ID, q.Cursor)
		}
		var rows []Event
		if err := query.Order("e.created_at DESC, e.id DESC").Limit(q.Limit + 1).Scan(&rows).Error; err != nil {
			return err
		}
		if len(rows) > q.Limit {
			rows = rows[:q.Limit]
			next := rows[len(rows)-1].ID
			page.NextCursor = &next
		}
		actors, err := names(t.DB(), actorIDs(rows))
		if err != nil {
			return err
		}
		for _, r := range rows {
			var name *string
			if r.ActorID != nil {
				if n, ok := actors[*r.ActorID]; ok {
					name = &n
				}
			}
			page.Items = append(page.Items, Line{ID: r.ID, ActorID: r.ActorID, ActorName: name, Action: r.Action,
				Entity: r.Entity, EntityID: r.EntityID, Fields: r.FieldList(), RequestID: r.RequestID, CreatedAt: r.CreatedAt})
		}
		return nil
	})
	return page, err
}

// actorIDs returns the distinct actors of rows, whose names identity keeps.
func actorIDs(rows []Event) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range rows {
		if r.ActorID != nil && !seen[*r.ActorID] {
			seen[*r.ActorID] = true
			out = append(out, *r.ActorID)
		}
	}
	return out
}

func checkQuery(q *Query) error {
	v := &errs.ValidationError{}
	switch {
	case q.Limit == 0:
		q.Limit = DefaultLimit
	case q.Limit < 1 || q.Limit > MaxLimit:
		v.Add("limit", "range", "must be between 1 and 200")
	}
	if q.Cursor != "" && !db.ValidID(q.Cursor) {
		v.Add("cursor", "cursor", "is not a cursor this list returned")
	}
	if len(q.Entity) > 50 {
		v.Add("entity", "max", "must be at most 50 characters")
	}
	if len(q.EntityID) > 64 {
		v.Add("entity_id", "max", "must be at most 64 characters")
	}
	return v.Err()
}

// EventsAbout returns t's events about the given records, oldest first,
// read in t's transaction (a person's data export shows her history).
func EventsAbout(t *db.Tenant, entityIDs []string) ([]Event, error) {
	var events []Event
	if err := t.DB().Where("tenant_id = ? AND entity_id IN ?", t.ID, entityIDs).
		Order("created_at, id").Find(&events).Error; err != nil {
		return nil, fmt.Errorf("audit: events about records: %w", err)
	}
	return events, nil
}

// ActionsBy returns t's events with one of actions by a user (userID) or
// one login session (sessionID, when userID is empty) within [from, to),
// read in t's transaction, for breach reports.
func ActionsBy(t *db.Tenant, actions []string, userID, sessionID string, from, to time.Time) ([]Event, error) {
	q := t.DB().Where("tenant_id = ? AND action IN ? AND created_at >= ? AND created_at < ?",
		t.ID, actions, from.UTC(), to.UTC())
	if userID != "" {
		q = q.Where("actor_id = ?", userID)
	} else {
		q = q.Where("session_id = ?", sessionID)
	}
	var events []Event
	if err := q.Find(&events).Error; err != nil {
		return nil, fmt.Errorf("audit: actions by a user or session: %w", err)
	}
	return events, nil
}
