package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestKeysRotateAndDestroy(t *testing.T) {
	t.Setenv("PEDULI_DATA_DIR", t.TempDir())
	t.Setenv("PEDULI_DATABASE_URL", "")
	ctx := context.Background()
	var out, errb bytes.Buffer
	if err := run(ctx, []string{"apply", "../../tenants"}, nil, &out, &errb); err != nil {
		t.Fatalf("apply: %v\n%s", err, errb.String())
	}
	for i, want := range []string{"to version 1", "to version 2"} {
		out.Reset()
		if err := run(ctx, []string{"keys", "rotate", "--tenant", "rindu-sejahtera"}, nil, &out, &errb); err != nil {
			t.Fatalf("rotate %d: %v\n%s", i, err, errb.String())
		}
		if !strings.Contains(out.String(), want) {
			t.Errorf("rotate %d: %s", i, out.String())
		}
	}
	if err := run(ctx, []string{"keys", "destroy", "--tenant", "rindu-sejahtera"}, nil, &out, &errb); err == nil || !strings.Contains(err.Error(), "--yes") {
		t.Errorf("destroy without --yes: %v", err)
	}
	out.Reset()
	if err := run(ctx, []string{"keys", "destroy", "--tenant", "rindu-sejahtera", "--yes"}, nil, &out, &errb); err != nil {
		t.Fatalf("destroy: %v", err)
	}
	if !strings.Contains(out.String(), "destroyed 1 data key") {
		t.Errorf("destroy: %s", out.String())
	}
	if err := run(ctx, []string{"keys", "rotate", "--tenant", "no-such-group"}, nil, &out, &errb); err == nil {
		t.Error("rotate of an unknown group succeeded")
	}
}
