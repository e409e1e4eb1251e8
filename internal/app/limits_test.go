package app_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

// TestOversizedHeadersAreRefused: request headers are bounded (the 16 KiB
// read buffer); a bigger header block is a 400 problem, not a slow read.
func TestOversizedHeadersAreRefused(t *testing.T) {
	e := testkit.New(t, db.SQLite)
	req, _ := http.NewRequest(http.MethodGet, e.URL()+"/api/v1/regions", nil)
	req.Header.Set("X-Padding", strings.Repeat("a", 40<<10))
	res, err := testkit.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	var p struct{ Code string }
	_ = json.Unmarshal(body, &p)
	if res.StatusCode != http.StatusBadRequest || p.Code != "malformed_request" {
		t.Fatalf("40 KiB header: %d %s", res.StatusCode, body)
	}
	small, _ := http.NewRequest(http.MethodGet, e.URL()+"/api/v1/regions", nil)
	small.Header.Set("X-Padding", strings.Repeat("a", 4<<10))
	if res, err := testkit.Client.Do(small); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("4 KiB header: %v %v", res, err)
	}
}
