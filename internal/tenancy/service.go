package tenancy

import (
	"log/slog"
	"sync"
	"time"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/db"
)

// Service owns the rules of groups and their teams.
type Service struct {
	DB       *db.DB
	Store    *Store
	Identity *identity.Service
	Access   *access.Enforcer
	BaseURL  string
	Log      *slog.Logger
	Now      func() time.Time

	// teamMu serialises this process's team changes; lockTeam adds a
	// database lock so replicas are serialised too, and two owners demoting
	// each other at the same moment cannot leave a group without an owner.
	teamMu sync.Mutex
}

// InvitationTTL is how long an invitation link works.
const InvitationTTL = 7 * 24 * time.Hour
