// Package audit records who did what in a tenant, and who read which
// personal record — what a breach report under UU PDP must be able to say.
// Events name changed fields, never their values.
package audit

import (
	"strings"
	"time"

	"github.com/peduli/peduli/internal/platform/db"
)

// Actor is who acts: the user and the request she acts through.
type Actor struct {
	UserID    string
	RequestID string
	SessionID string // the login session, for breach reports; may be empty
}

// Event is one audited action.
type Event struct {
	TenantID  string    `gorm:"primaryKey" json:"-"`
	ID        string    `gorm:"primaryKey" json:"id"`
	ActorID   *string   `json:"actor_id"`
	Action    string    `json:"action"` // e.g. "create", "update", "read_personal", "erase"
	Entity    string    `json:"entity"` // e.g. "beneficiary", "team_member"
	EntityID  string    `json:"entity_id"`
	Fields    string    `json:"-"` // comma-separated field names
	RequestID string    `json:"request_id,omitempty"`
	SessionID *string   `json:"-"`
	CreatedAt time.Time `json:"created_at"`
}

// TableName is audit_events.
func (Event) TableName() string { return "audit_events" }

// FieldList returns the changed field names.
func (e Event) FieldList() []string {
	if e.Fields == "" {
		return []string{}
	}
	return strings.Split(e.Fields, ",")
}

// Actions of general use; features add their own.
const (
	Create       = "create"
	Update       = "update"
	Delete       = "delete"
	ReadPersonal = "read_personal"
)

// Record writes one event in the tenant's transaction, so the event exists
// exactly when the change it describes does.
func Record(t *db.Tenant, a Actor, action, entity, entityID string, fields ...string) error {
	now := time.Now().UTC()
	ev := NewEvent(t.ID, db.NewID(), a, action, entity, entityID, now, fields...)
	if err := t.DB().Create(&ev).Error; err != nil || action == ReadPersonal {
		return err
	}
	return markChanged(t, now)
}

// NewEvent builds the event Record writes, for callers that insert many
// events in one statement (bulk loaders).
func NewEvent(tenantID, id string, a Actor, action, entity, entityID string, at time.Time, fields ...string) Event {
	var actor, session *string
	if a.UserID != "" {
		actor = &a.UserID
	}
	if a.SessionID != "" {
		session = &a.SessionID
	}
	return Event{
		TenantID: tenantID, ID: id, ActorID: actor, Action: action, Entity: entity,
		EntityID: entityID, Fields: strings.Join(fields, ","), RequestID: a.RequestID, SessionID: session,
		CreatedAt: at,
	}
}
