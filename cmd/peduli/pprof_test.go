package main

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// TestServePprofOnItsOwnLoopbackAddress: with --pprof-addr the profiler
// answers on that address alone, never on the public one; an address
// other machines could reach is refused before anything starts.
func TestServePprofOnItsOwnLoopbackAddress(t *testing.T) {
	t.Setenv("PEDULI_DATA_DIR", t.TempDir())
	t.Setenv("PEDULI_DATABASE_URL", "")
	for _, addr := range []string{"0.0.0.0:6060", ":6060", "192.0.2.1:6060", "127.0.0.1"} {
		err := run(context.Background(), []string{"serve", "--addr", "127.0.0.1:0", "--pprof-addr", addr},
			strings.NewReader(""), &syncBuffer{}, &syncBuffer{})
		if err == nil || !strings.Contains(err.Error(), "PEDULI_PPROF_ADDR must be a loopback address") {
			t.Fatalf("--pprof-addr %s: %v, want a refusal", addr, err)
		}
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--pprof-addr", "127.0.0.1:0"}, strings.NewReader(""), stdout, stderr)
	}()
	addrRe := regexp.MustCompile(`"addr":"(127\.0\.0\.1:\d+)"`)
	pprofRe := regexp.MustCompile(`"pprof_addr":"(127\.0\.0\.1:\d+)"`)
	waitFor(t, "the server to listen", func() bool {
		return addrRe.MatchString(stderr.String()) && pprofRe.MatchString(stderr.String())
	})
	base := "http://" + addrRe.FindStringSubmatch(stderr.String())[1]
	prof := "http://" + pprofRe.FindStringSubmatch(stderr.String())[1]
	if code, body := get(t, prof+"/debug/pprof/"); code != http.StatusOK || !strings.Contains(body, "goroutine") {
		t.Fatalf("pprof index: %d %.200s", code, body)
	}
	if code, body := get(t, prof+"/debug/pprof/heap?debug=1"); code != http.StatusOK || !strings.Contains(body, "heap profile") {
		t.Fatalf("heap profile: %d %.200s", code, body)
	}
	if code, _ := get(t, base+"/debug/pprof/"); code != http.StatusNotFound {
		t.Fatalf("public address serves /debug/pprof/: %d, want 404", code)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}
}
