package tenancy

import (
	"strings"
	"time"

	"github.com/peduli/peduli/internal/identity"
)

// Invitation asks someone to join a group's team with a role. Its token is
// shared as a link (often by WhatsApp); only the token's hash is stored.
type Invitation struct {
	TenantID   string     `gorm:"primaryKey" json:"-"`
	ID         string     `gorm:"primaryKey" json:"id"`
	Email      string     `json:"email"`
	Role       string     `json:"role"`
	TokenHash  string     `json:"-"`
	InvitedBy  string     `json:"-"`
	ExpiresAt  time.Time  `json:"expires_at"`
	AcceptedAt *time.Time `json:"accepted_at,omitempty"`
	AcceptedBy *string    `json:"-"`
	CreatedAt  time.Time  `json:"created_at"`
}

// invitationToken makes a token that names its tenant, so accepting it can
// open that tenant's scope (row-level security hides invitations otherwise).
func invitationToken(tenantID string) string {
	return identity.NewToken("pdi_" + strings.ReplaceAll(tenantID, "-", "") + ".")
}

// tenantOfInvitation reads the tenant id back out of a token.
func tenantOfInvitation(token string) (string, bool) {
	rest, ok := strings.CutPrefix(token, "pdi_")
	if !ok {
		return "", false
	}
	hexID, _, ok := strings.Cut(rest, ".")
	if !ok || len(hexID) != 32 {
		return "", false
	}
	id := hexID[0:8] + "-" + hexID[8:12] + "-" + hexID[12:16] + "-" + hexID[16:20] + "-" + hexID[20:32]
	return id, true
}
