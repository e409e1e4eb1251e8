package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for a writer and a reader goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func waitFor(t *testing.T, what string, f func() bool) {
	t.Helper()
	for range 300 {
		if f() {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

func login(t *testing.T, base, email, password string) (int, map[string]any) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"email": email, "password": password})
	res, err := http.Post(base+"/api/v1/auth/login", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var m map[string]any
	_ = json.NewDecoder(res.Body).Decode(&m)
	return res.StatusCode, m
}

// TestFirstRunPrintsLoginsThatWork is the newcomer's first command: an empty
// data directory, `peduli serve`, then logging in as the printed demo owner.
func TestFirstRunPrintsLoginsThatWork(t *testing.T) {
	t.Setenv("PEDULI_DATA_DIR", t.TempDir())
	t.Setenv("PEDULI_DATABASE_URL", "")
	ctx, cancel := context.WithCancel(context.Background())
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, strings.NewReader(""), stdout, stderr)
	}()

	addr := regexp.MustCompile(`"addr":"(127\.0\.0\.1:\d+)"`)
	waitFor(t, "the server to listen", func() bool { return addr.MatchString(stderr.String()) })
	base := "http://" + addr.FindStringSubmatch(stderr.String())[1]
	owner := regexp.MustCompile(`ketua@rindu-sejahtera\.example\s+password: (\S+)`).FindStringSubmatch(stdout.String())
	if owner == nil {
		t.Fatalf("no demo owner login printed:\n%s", stdout.String())
	}
	status, m := login(t, base, "ketua@rindu-sejahtera.example", owner[1])
	if status != http.StatusOK || m["token"] == "" {
		t.Fatalf("demo owner login: %d %v", status, m)
	}
	req, _ := http.NewRequest(http.MethodGet, base+"/api/v1/t/rindu-sejahtera", nil)
	req.Header.Set("Authorization", "Bearer "+m["token"].(string))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("demo owner opening Rindu Sejahtera: %d", res.StatusCode)
	}
	// The demo group has a year of records to show.
	req, _ = http.NewRequest(http.MethodGet, base+"/api/v1/t/rindu-sejahtera/programs", nil)
	req.Header.Set("Authorization", "Bearer "+m["token"].(string))
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var progs struct {
		Items []struct{ Name string } `json:"items"`
	}
	err = json.NewDecoder(res.Body).Decode(&progs)
	res.Body.Close()
	if err != nil || len(progs.Items) != 2 {
		t.Fatalf("demo programs: %v %+v", err, progs)
	}
	waitFor(t, "the URL to be printed", func() bool { return strings.Contains(stdout.String(), "Peduli is running at http") })
	if strings.Contains(stderr.String(), owner[1]) {
		t.Error("the demo password reached the log")
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve returned %v after SIGTERM-like cancel", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not shut down")
	}
}

func TestUserCreateReadsPasswordFromStdin(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("PEDULI_DATA_DIR", dir)
	t.Setenv("PEDULI_DATABASE_URL", "")
	ctx := context.Background()
	var out, errb bytes.Buffer
	err := run(ctx, []string{"user", "create", "--email", "Operator@Example.org", "--name", "Operator", "--platform-admin"},
		strings.NewReader("a long operator password\n"), &out, &errb)
	if err != nil {
		t.Fatalf("user create: %v\n%s", err, errb.String())
	}
	if !strings.Contains(out.String(), "operator@example.org") || !strings.Contains(out.String(), "platform admin") {
		t.Fatalf("output: %s", out.String())
	}
	// The same email twice is refused.
	err = run(ctx, []string{"user", "create", "--email", "operator@example.org", "--name", "Again"},
		strings.NewReader("another long password\n"), &out, &errb)
	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("duplicate user: %v", err)
	}
	out.Reset()
	if err := run(ctx, []string{"migrate", "status"}, nil, &out, &errb); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "applied") || strings.Contains(out.String(), "pending") {
		t.Fatalf("migrate status:\n%s", out.String())
	}
	out.Reset()
	for range 2 {
		if err := run(ctx, []string{"apply", "../../tenants"}, nil, &out, &errb); err != nil {
			t.Fatalf("apply: %v", err)
		}
	}
}
