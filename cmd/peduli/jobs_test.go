package main

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/app"
	"github.com/peduli/peduli/internal/platform/config"
)

// TestJobsCommand lists the queue, shows a job that gave up under --failed
// and puts it back with retry.
func TestJobsCommand(t *testing.T) {
	t.Setenv("PEDULI_DATA_DIR", t.TempDir())
	ctx := context.Background()
	cfg, err := config.Load("test", nil)
	if err != nil {
		t.Fatal(err)
	}
	a, err := openApp(ctx, cfg, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := a.Jobs.Client().Insert(ctx, app.Prune{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	id := res.Job.ID
	if _, err := a.Jobs.Client().JobCancel(ctx, id); err != nil {
		t.Fatal(err)
	}
	a.Close()

	jobs := func(args ...string) string {
		t.Helper()
		var out, errOut bytes.Buffer
		if err := run(ctx, append([]string{"jobs"}, args...), strings.NewReader(""), &out, &errOut); err != nil {
			t.Fatalf("jobs %v: %v\n%s", args, err, errOut.String())
		}
		return out.String()
	}
	// state is the listed state of the job, "" when it is not listed.
	state := func(out string) string {
		for _, l := range strings.Split(out, "\n") {
			if f := strings.Fields(l); len(f) >= 3 && f[0] == fmt.Sprint(id) && f[1] == "prune" {
				return f[2]
			}
		}
		return ""
	}
	if out := jobs("list"); state(out) != "" {
		t.Fatalf("a cancelled job listed as queued:\n%s", out)
	}
	if out := jobs("list", "--failed"); state(out) != "cancelled" {
		t.Fatalf("failed jobs:\n%s", out)
	}
	if out := jobs("retry", fmt.Sprint(id)); !strings.Contains(out, "is available again") {
		t.Fatalf("retry: %s", out)
	}
	if out := jobs("list"); state(out) != "available" {
		t.Fatalf("queued jobs after the retry:\n%s", out)
	}
	var out, errOut bytes.Buffer
	if err := run(ctx, []string{"jobs", "retry", "999999"}, strings.NewReader(""), &out, &errOut); err == nil {
		t.Fatal("retrying an unknown job must fail")
	}
}
