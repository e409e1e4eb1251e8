package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// TestFundsReconcileCommand runs `peduli funds reconcile` on a fresh
// embedded database twice: it reports what it checked and changes nothing.
func TestFundsReconcileCommand(t *testing.T) {
	t.Setenv("PEDULI_DATA_DIR", t.TempDir())
	t.Setenv("PEDULI_STRIPE_SECRET_KEY", "sk_test_123")
	for range 2 {
		var out, errOut bytes.Buffer
		if err := run(context.Background(), []string{"funds", "reconcile", "--json", "--older-than", "1m"}, strings.NewReader(""), &out, &errOut); err != nil {
			t.Fatalf("reconcile: %v\n%s", err, errOut.String())
		}
		var rep struct {
			Checked int   `json:"checked"`
			Changed []any `json:"changed"`
		}
		if err := json.Unmarshal(out.Bytes(), &rep); err != nil || len(rep.Changed) != 0 {
			t.Fatalf("report %q: %v", out.String(), err)
		}
	}
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"funds"}, strings.NewReader(""), &out, &errOut); err == nil {
		t.Fatalf("funds without a subcommand must fail")
	}
}
