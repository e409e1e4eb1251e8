package tenancy

import (
	"log/slog"
	"time"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/storage"
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
	// Files keeps the groups' photos (see photo.go).
	Files storage.Store
}

// InvitationTTL is how long an invitation link works.
const InvitationTTL = 7 * 24 * time.Hour
