package testkit

import (
	"fmt"
	"net/http"
	"time"
)

func init() {
	RegisterSeed("/api/v1/t/{slug}/beneficiaries/{id}", func(e *Env, g *Group, _ map[string]string) string {
		return e.CreateBeneficiary(g, g.OwnerToken, map[string]any{"monthly_income": 100000000})
	})
}

// NIK returns a valid, unique NIK of a woman from Kupang Tengah (53.01.08)
// born on birth: the day is offset by 40 as for women, and the serial makes
// it unique within this test binary.
func NIK(birth time.Time) string {
	return fmt.Sprintf("530108%02d%02d%02d%04d", birth.Day()+40, int(birth.Month()), birth.Year()%100, seq.Add(1)%9999+1)
}

// KK returns a valid family-card number for Kupang Tengah.
func KK() string { return fmt.Sprintf("530108%010d", seq.Add(1)) }

// CreateBeneficiary registers a beneficiary in g through the API as token
// and returns her id. Defaults are valid: a woman from Kupang Tengah born
// 1985-07-01 with a unique NIK, a name, and consent for every purpose;
// fields override or add to them (a nil value removes a default).
func (e *Env) CreateBeneficiary(g *Group, token string, fields map[string]any) string {
	e.T.Helper()
	birth := time.Date(1985, 7, 1, 0, 0, 0, 0, time.UTC)
	nik := NIK(birth)
	body := map[string]any{
		"name":           Unique("Maria Bria"),
		"nik":            nik,
		"birth_date":     birth.Format(time.DateOnly),
		"village":        "Penfui Timur",
		"marital_status": "married",
		"consent":        map[string]any{"purposes": []string{"services", "reporting", "sharing"}},
	}
	for k, v := range fields {
		if v == nil {
			delete(body, k)
			continue
		}
		body[k] = v
	}
	if s, ok := body["nik"].(string); ok {
		e.Logs.Forbid(s)
	}
	res := e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/beneficiaries", token, body).Expect(http.StatusCreated)
	return Str(res.Map(), "id")
}

// Text renders a value read with Raw(...).Scan(&[]map[string]any) as text,
// whatever type the driver returned.
func Text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case []byte:
		return string(x)
	case string:
		return x
	}
	return fmt.Sprint(v)
}
