package audit

import (
	"context"
	"time"

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

type row struct {
	Event
	ActorName *string
}

// List returns a page of the tenant's audit log, newest first.
func List(ctx context.Context, scope db.Scope, q Query) (Page, error) {
	if err := checkQuery(&q); err != nil {
		return Page{}, err
	}
	page := Page{Items: []Line{}}
	err := scope.Read(ctx, func(t *db.Tenant) error {
		query := t.DB().Table("audit_events AS e").Select("e.*, u.name AS actor_name").
			Joins("LEFT JOIN users u ON u.id = e.actor_id").Where("e.tenant_id = ?", t.ID)
		if q.Entity != "" {
			query = query.Where("e.entity = ?", q.Entity)
		}
		if q.EntityID != "" {
			query = query.Where("e.entity_id = ?", q.EntityID)
		}
		if q.Cursor != "" {
			query = query.Where("(e.created_at, e.id) < (SELECT c.created_at, c.id FROM audit_events c WHERE c.tenant_id = ? AND c.id = ?)", t.ID, q.Cursor)
		}
		var rows []row
		if err := query.Order("e.created_at DESC, e.id DESC").Limit(q.Limit + 1).Scan(&rows).Error; err != nil {
			return err
		}
		if len(rows) > q.Limit {
			rows = rows[:q.Limit]
			next := rows[len(rows)-1].ID
			page.NextCursor = &next
		}
		for _, r := range rows {
			page.Items = append(page.Items, Line{ID: r.ID, ActorID: r.ActorID, ActorName: r.ActorName, Action: r.Action,
				Entity: r.Entity, EntityID: r.EntityID, Fields: r.FieldList(), RequestID: r.RequestID, CreatedAt: r.CreatedAt})
		}
		return nil
	})
	return page, err
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
