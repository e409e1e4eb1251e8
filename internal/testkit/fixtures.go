package testkit

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"

	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/identity"
)

// Password is the password of every fixture user.
const Password = "correct horse battery staple"

var seq atomic.Int64

// Unique returns a name no other fixture in this test binary uses.
func Unique(prefix string) string { return fmt.Sprintf("%s-%d-%d", prefix, seq.Add(1), uniqueSalt) }

var uniqueSalt = seq.Add(1e6)

// Group is a signed-up tenant with its owner.
type Group struct {
	Slug       string
	TenantID   string
	OwnerID    string
	OwnerEmail string
	OwnerToken string
}

// Member is a user with a role in a group.
type Member struct {
	UserID string
	Email  string
	Token  string
	Role   access.Role
}

// SignupGroup signs up a new group in Kupang Tengah through the API.
func (e *Env) SignupGroup(name string) *Group {
	e.T.Helper()
	slug := Unique("grp")
	email := slug + "@example.org"
	res := e.Do(http.MethodPost, "/api/v1/signup", "", map[string]any{
		"group": map[string]any{"name": name, "slug": slug, "region_code": "53.01.08.2011"},
		"owner": map[string]any{"name": "Ketua " + name, "email": email, "password": Password},
	}).Expect(http.StatusCreated)
	m := res.Map()
	return &Group{Slug: slug, TenantID: Str(m, "tenant", "id"), OwnerID: Str(m, "user", "id"),
		OwnerEmail: email, OwnerToken: Str(m, "token")}
}

// AddMember invites a new person with role through the API and accepts.
func (e *Env) AddMember(g *Group, role access.Role) *Member {
	e.T.Helper()
	email := Unique(string(role)) + "@example.org"
	inv := e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/team", g.OwnerToken,
		map[string]any{"email": email, "role": role}).Expect(http.StatusCreated).Map()
	token := Str(inv, "invitation", "token")
	acc := e.Do(http.MethodPost, "/api/v1/invitations/"+token+"/accept", "",
		map[string]any{"name": "Anggota " + string(role), "password": Password}).Expect(http.StatusCreated).Map()
	return &Member{UserID: Str(acc, "user", "id"), Email: email, Token: Str(acc, "token"), Role: role}
}

// Team returns one member of every tenant role in g (the owner included).
func (e *Env) Team(g *Group) map[access.Role]*Member {
	e.T.Helper()
	out := map[access.Role]*Member{access.Owner: {UserID: g.OwnerID, Email: g.OwnerEmail, Token: g.OwnerToken, Role: access.Owner}}
	for _, r := range access.TenantRoles[1:] {
		out[r] = e.AddMember(g, r)
	}
	return out
}

// Stranger signs up a user who belongs to no group and returns her token.
func (e *Env) Stranger() *Member {
	e.T.Helper()
	email := Unique("stranger") + "@example.org"
	ctx := context.Background()
	var u *identity.User
	err := e.App.DB.GlobalTx(ctx, func(tx *gorm.DB) error {
		var err error
		u, err = e.App.Identity.CreateUser(tx, identity.NewUser{Email: email, Name: "Orang Lain", Password: Password})
		return err
	})
	if err != nil {
		e.T.Fatalf("stranger: %v", err)
	}
	token, err := e.App.Identity.StartSession(ctx, u.ID)
	if err != nil {
		e.T.Fatalf("stranger session: %v", err)
	}
	return &Member{UserID: u.ID, Email: email, Token: token}
}

// PlatformAdmin creates a platform admin and returns her.
func (e *Env) PlatformAdmin() *Member {
	e.T.Helper()
	m := e.Stranger()
	if err := e.App.Access.GrantPlatformAdmin(m.UserID); err != nil {
		e.T.Fatalf("grant platform admin: %v", err)
	}
	m.Role = access.PlatformAdmin
	return m
}

// VerifyEmail records a user's address as verified, as opening the mailed
// link would.
func (e *Env) VerifyEmail(userID string) {
	e.T.Helper()
	if err := e.App.Identity.MarkVerified(context.Background(), userID); err != nil {
		e.T.Fatalf("verify email: %v", err)
	}
}
