package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestAuditReadsCommand(t *testing.T) {
	t.Setenv("PEDULI_DATABASE_URL", "")
	t.Setenv("PEDULI_DATA_DIR", t.TempDir())
	t.Setenv("PEDULI_TENANTS_DIR", "")
	ctx := context.Background()
	window := []string{"--from", "2026-01-01T00:00:00Z", "--to", "2026-02-01T00:00:00Z"}
	for name, c := range map[string]struct {
		args []string
		want string
	}{
		"no subcommand": {[]string{"audit"}, "usage"},
		"neither":       {append([]string{"audit", "reads"}, window...), "exactly one"},
		"both":          {append([]string{"audit", "reads", "--user", "a@example.org", "--token-session", "0190c2b5-5f6e-7c3a-9d1e-2b3c4d5e6f70"}, window...), "exactly one"},
		"bad session":   {append([]string{"audit", "reads", "--token-session", "abc"}, window...), "UUID"},
		"bad time":      {[]string{"audit", "reads", "--user", "a@example.org", "--from", "yesterday", "--to", "2026-02-01T00:00:00Z"}, "--from"},
		"unknown user":  {append([]string{"audit", "reads", "--user", "nobody@example.org"}, window...), "no user"},
	} {
		var out, errb bytes.Buffer
		err := run(ctx, c.args, strings.NewReader(""), &out, &errb)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error mentioning %q", name, err, c.want)
		}
	}
	var out, errb bytes.Buffer
	sess := "0190c2b5-5f6e-7c3a-9d1e-2b3c4d5e6f70"
	if err := run(ctx, append([]string{"audit", "reads", "--token-session", sess}, window...), strings.NewReader(""), &out, &errb); err != nil {
		t.Fatalf("a valid query: %v", err)
	}
	if !strings.HasPrefix(out.String(), "time") || !strings.Contains(errb.String(), "0 personal record reads") {
		t.Errorf("output %q, %q", out.String(), errb.String())
	}
}
