package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// peduli dev seed fills the embedded database with the settings serve
// uses, says how to log in, and refuses to seed the same database twice.
func TestDevSeedFillsTheConfiguredDatabase(t *testing.T) {
	t.Setenv("PEDULI_DATA_DIR", t.TempDir())
	t.Setenv("PEDULI_DATABASE_URL", "")
	ctx := context.Background()
	var out, errb bytes.Buffer
	args := []string{"dev", "seed", "--groups", "2", "--staff", "3", "--beneficiaries", "5", "--seed", "4"}
	if err := run(ctx, args, nil, &out, &errb); err != nil {
		t.Fatalf("dev seed: %v\n%s", err, errb.String())
	}
	for _, want := range []string{"seeded 2 groups", "10 beneficiaries", "staf0@seed-00000.seed.test"} {
		if !strings.Contains(out.String(), want) {
			t.Fatalf("output lacks %q:\n%s", want, out.String())
		}
	}
	if err := run(ctx, args, nil, &out, &errb); err == nil || !strings.Contains(err.Error(), "already holds seeded groups") {
		t.Fatalf("seeding twice: %v", err)
	}
	if err := run(ctx, []string{"dev", "unknown"}, nil, &out, &errb); err == nil {
		t.Fatal("an unknown dev command was accepted")
	}
}
