package access_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// TestRoleChangeReachesOtherReplicaAtOnce runs two replicas on one
// PostgreSQL database. A member removed on one is refused by the other on
// the next request, long before the periodic reload (which tests never run).
func TestRoleChangeReachesOtherReplicaAtOnce(t *testing.T) {
	_, appURL := testkit.PostgresURLs(t)
	one := testkit.NewPostgres(t)
	g := one.SignupGroup("Kelompok Dua Server")
	m := one.AddMember(g, access.Facilitator)

	two := testkit.NewPostgres(t)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go two.App.Access.Listen(ctx, appURL)
	team := "/api/v1/t/" + g.Slug + "/team"
	two.Do(http.MethodGet, team, m.Token, nil).Expect(http.StatusOK)

	one.Do(http.MethodDelete, team+"/"+m.UserID, g.OwnerToken, nil).Expect(http.StatusNoContent)
	deadline := time.Now().Add(10 * time.Second)
	for {
		res := two.Do(http.MethodGet, team, m.Token, nil)
		if res.Status == http.StatusNotFound {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the other replica still serves the removed member (status %d)", res.Status)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
