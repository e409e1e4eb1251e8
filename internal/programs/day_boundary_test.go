package programs_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/testkit"
)

// TestTheGroupsDayNotUTC: at 23:30 UTC it is 07:30 the next morning in
// Kupang, so an enrolment made then is dated the next day, and once April
// has begun in WITA (16:30 UTC on 31 March) April's outcomes may be
// recorded, though it is still March in UTC.
func TestTheGroupsDayNotUTC(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Rindu Sejahtera")
		facil := e.AddMember(g, access.Facilitator)
		pid := testkit.Str(e.CreateProgram(g, g.OwnerToken, map[string]any{"template_key": "tenun-ikat", "starts_on": "2026-01-05"}), "id")
		woman := e.CreateBeneficiary(g, facil.Token, nil)

		e.App.Programs.Now = func() time.Time { return time.Date(2026, 3, 5, 23, 30, 0, 0, time.UTC) }
		e.Enroll(g, facil.Token, pid, woman)
		members := e.Do(http.MethodGet, "/api/v1/t/"+g.Slug+"/programs/"+pid+"/enrollments", facil.Token, nil).
			Expect(http.StatusOK).Map()["items"].([]any)
		if len(members) != 1 || members[0].(map[string]any)["enrolled_on"] != "2026-03-06" {
			t.Fatalf("members = %v, want one enrolled on 2026-03-06", members)
		}

		e.App.Programs.Now = func() time.Time { return time.Date(2026, 3, 31, 16, 30, 0, 0, time.UTC) }
		e.RecordOutcome(g, facil.Token, woman, "monthly_income", "2026-04", 150000000)
		e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/beneficiaries/"+woman+"/outcomes", facil.Token,
			map[string]any{"indicator": "monthly_income", "period": "2026-05", "value": 1}).
			Expect(http.StatusUnprocessableEntity).Contains(`"field":"period"`, `"past"`)
	})
}
