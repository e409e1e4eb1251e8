package app

import (
	"encoding/json"
	"testing"
	"time"

	gojson "github.com/goccy/go-json"

	"github.com/peduli/peduli/internal/funds"
	"github.com/peduli/peduli/internal/platform/httpx"
	"github.com/peduli/peduli/internal/registry"
)

// TestJSONEncoderMatchesEncodingJSON: the server encodes its answers with
// go-json for speed; for the shapes Peduli answers with (nil and empty
// slices, pointers, times, embedded structs, maps, text that HTML would
// read as markup) its bytes must be encoding/json's.
func TestJSONEncoderMatchesEncodingJSON(t *testing.T) {
	at := time.Date(2026, 3, 4, 5, 6, 7, 890, time.FixedZone("WITA", 8*3600))
	name, year, yes := "Maria <Bria> & \"Ndun\" \u2028", 1985, true
	program := "019b63fb-6b20-7a73-8e14-a65716f4fb07"
	values := map[string]any{
		"list page": registry.Page{Items: []registry.View{{ID: program, Name: name, BirthYear: &year, EligiblePRSE: &yes,
			Consent: registry.ConsentView{Purposes: []string{"services"}, RecordedAt: &at}, CreatedAt: at, UpdatedAt: at},
			{ID: program, Consent: registry.ConsentView{Purposes: []string{}}}}, NextCursor: &program},
		"empty page": registry.Page{Items: []registry.View{}},
		"problem":    httpx.NewProblem("not_found", "no such group <b>"),
		"totals": []funds.ProgramTotals{{ProgramID: &program, Name: name, Totals: funds.Totals{Income: 5, Currency: "IDR"}},
			{Totals: funds.Totals{Expense: -3}}},
		"map":        map[string]any{"z": 1, "a": []int(nil), "m": map[string]int64{"b": 2, "a": 1}, "f": 0.1 + 0.2, "s": name},
		"nil":        nil,
		"fiber map":  map[string]any{"status": "ok"},
		"byte slice": []byte("raw"),
	}
	for what, v := range values {
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		got, err := gojson.Marshal(v)
		if err != nil {
			t.Fatalf("%s: go-json: %v", what, err)
		}
		if string(got) != string(want) {
			t.Errorf("%s:\n go-json       %s\n encoding/json %s", what, got, want)
		}
	}
}
