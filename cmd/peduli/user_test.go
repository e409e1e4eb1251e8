package main

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// me answers whether token's account is a platform admin, per GET /api/v1/me.
func me(t *testing.T, base, token string) bool {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, base+"/api/v1/me", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var m map[string]any
	if err := json.NewDecoder(res.Body).Decode(&m); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("/me: %d %v", res.StatusCode, err)
	}
	return m["platform_admin"] == true
}

// TestPlatformAdminCreatedWhileServingIsEnforcedWithinASecond: on the
// embedded database the command line is a second process. A platform admin
// it creates while the server runs is one to the server within a second of
// the command returning (not at the next periodic reload).
func TestPlatformAdminCreatedWhileServingIsEnforcedWithinASecond(t *testing.T) {
	t.Setenv("PEDULI_DATA_DIR", t.TempDir())
	t.Setenv("PEDULI_DATABASE_URL", "")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, strings.NewReader(""), stdout, stderr)
	}()
	addr := regexp.MustCompile(`"addr":"(127\.0\.0\.1:\d+)"`)
	waitFor(t, "the server to listen", func() bool { return addr.MatchString(stderr.String()) })
	base := "http://" + addr.FindStringSubmatch(stderr.String())[1]

	// The server has read the platform's roles before the change.
	owner := regexp.MustCompile(`ketua@rindu-sejahtera\.example\s+password: (\S+)`).FindStringSubmatch(stdout.String())
	if owner == nil {
		t.Fatalf("no demo owner login printed:\n%s", stdout.String())
	}
	_, m := login(t, base, "ketua@rindu-sejahtera.example", owner[1])
	if me(t, base, m["token"].(string)) {
		t.Fatal("the demo owner is a platform admin")
	}

	var out, errb syncBuffer
	if err := run(context.Background(), []string{"user", "create", "--email", "operator@example.org", "--name", "Operator", "--platform-admin"},
		strings.NewReader("a long operator password\n"), &out, &errb); err != nil {
		t.Fatalf("user create: %v\n%s", err, errb.String())
	}
	created := time.Now()
	status, m := login(t, base, "operator@example.org", "a long operator password")
	if status != http.StatusOK {
		t.Fatalf("operator login: %d", status)
	}
	loggedIn := time.Since(created)
	for !me(t, base, m["token"].(string)) {
		if time.Since(created) > max(time.Second, loggedIn+100*time.Millisecond) {
			t.Fatalf("the new platform admin is still refused %v after the command returned", time.Since(created))
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("enforced %v after the command returned (login took %v)", time.Since(created).Round(time.Millisecond), loggedIn.Round(time.Millisecond))
	cancel()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not shut down")
	}
}
