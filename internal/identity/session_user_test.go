package identity_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/testkit"
)

// TestSessionUserReadsTheWholeUser: every signed-in request reads the
// session and its user in one statement that names their columns; the
// user it returns must be the one Store.User reads, field for field, with
// every field set. A field added to User or Session without adding it to
// that statement fails here.
func TestSessionUserReadsTheWholeUser(t *testing.T) {
	if n := reflect.TypeOf(identity.User{}).NumField(); n != 11 {
		t.Fatalf("User has %d fields; add the new one to liveSessionUser and this count", n)
	}
	if n := reflect.TypeOf(identity.Session{}).NumField(); n != 7 {
		t.Fatalf("Session has %d fields; add the new one to liveSessionUser and this count", n)
	}
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		ctx := context.Background()
		g := e.SignupGroup("Kelompok Sesi")
		at := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
		if err := e.Owner.Global(ctx).Exec(`UPDATE users SET phone = ?, locale = ?, disabled_at = ?, email_verified_at = ?
			WHERE id = ?`, "6281234567890", "en", at, at, g.OwnerID).Error; err != nil {
			t.Fatal(err)
		}
		store := e.App.Identity.Store
		now := time.Now().UTC()
		sess, u, err := store.SessionUser(ctx, g.OwnerToken, now, time.Hour)
		if err != nil {
			t.Fatalf("session user: %v", err)
		}
		want, err := store.User(ctx, g.OwnerID)
		if err != nil {
			t.Fatal(err)
		}
		wantSess, err := store.SessionByToken(ctx, g.OwnerToken, now, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		same(t, "user", reflect.ValueOf(*u), reflect.ValueOf(*want))
		same(t, "session", reflect.ValueOf(*sess), reflect.ValueOf(*wantSess))
		if _, _, err := e.App.Identity.Resolve(ctx, g.OwnerToken); err == nil {
			t.Errorf("a disabled user's session still resolves")
		}
	})
}

// same compares two structs field by field (times as instants) and wants
// every field set except a session's revocation.
func same(t *testing.T, what string, got, want reflect.Value) {
	t.Helper()
	for i := range got.NumField() {
		name := got.Type().Field(i).Name
		g, w := got.Field(i).Interface(), want.Field(i).Interface()
		if p, ok := g.(*time.Time); ok && p != nil {
			g = p.UTC().Format(time.RFC3339Nano)
		}
		if p, ok := w.(*time.Time); ok && p != nil {
			w = p.UTC().Format(time.RFC3339Nano)
		}
		if tm, ok := g.(time.Time); ok {
			g = tm.UTC().Format(time.RFC3339Nano)
		}
		if tm, ok := w.(time.Time); ok {
			w = tm.UTC().Format(time.RFC3339Nano)
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%s.%s = %v, want %v", what, name, g, w)
		}
		if name != "RevokedAt" && want.Field(i).IsZero() {
			t.Errorf("%s.%s is not set in the fixture, so this test does not check it", what, name)
		}
	}
}
