package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/platform/db"
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
	// The planner has statistics on what was seeded.
	d, err := db.OpenSQLite(filepath.Join(os.Getenv("PEDULI_DATA_DIR"), "peduli.db"), db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var analysed int64
	if err := d.Global(ctx).Raw(`SELECT count(*) FROM sqlite_stat1 WHERE tbl IN ('beneficiaries', 'outcomes', 'activity_attendance')`).
		Row().Scan(&analysed); err != nil {
		t.Fatalf("no statistics after the seed: %v", err)
	}
	_ = d.Close()
	if analysed < 3 {
		t.Errorf("statistics for %d of the 3 seeded tables checked", analysed)
	}
	if err := run(ctx, args, nil, &out, &errb); err == nil || !strings.Contains(err.Error(), "already holds seeded groups") {
		t.Fatalf("seeding twice: %v", err)
	}
	if err := run(ctx, []string{"dev", "unknown"}, nil, &out, &errb); err == nil {
		t.Fatal("an unknown dev command was accepted")
	}
}
