package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	c := &http.Client{Timeout: 5 * time.Second}
	res, err := c.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// TestServeMetricsAndDrain runs `peduli serve` with metrics on their own
// address, scrapes them, then stops it as Kubernetes does: /readyz fails at
// once while requests are still served for PEDULI_DRAIN, and a request in
// flight when the drain ends still gets its answer before the server exits.
func TestServeMetricsAndDrain(t *testing.T) {
	t.Setenv("PEDULI_DATA_DIR", t.TempDir())
	t.Setenv("PEDULI_DATABASE_URL", "")
	t.Setenv("PEDULI_DRAIN", "1500ms")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--metrics-addr", "127.0.0.1:0"}, strings.NewReader(""), stdout, stderr)
	}()
	addrRe := regexp.MustCompile(`"addr":"(127\.0\.0\.1:\d+)"`)
	metricsRe := regexp.MustCompile(`"metrics_addr":"(127\.0\.0\.1:\d+)"`)
	waitFor(t, "the server to listen", func() bool {
		return addrRe.MatchString(stderr.String()) && metricsRe.MatchString(stderr.String())
	})
	addr := addrRe.FindStringSubmatch(stderr.String())[1]
	base, metrics := "http://"+addr, "http://"+metricsRe.FindStringSubmatch(stderr.String())[1]+"/metrics"

	// Metrics: requests by route pattern (never the tenant's slug), the pool.
	if code, _ := get(t, base+"/readyz"); code != http.StatusOK {
		t.Fatalf("readyz before stopping: %d", code)
	}
	get(t, base+"/api/v1/public/groups/rindu-sejahtera")
	get(t, base+"/api/v1/public/groups/no-such-group")
	code, body := get(t, metrics)
	for _, want := range []string{
		`peduli_http_requests_total{method="GET",route="/readyz",status="200"} 1`,
		`peduli_http_requests_total{method="GET",route="/api/v1/public/groups/:slug",status="200"} 1`,
		`peduli_http_requests_total{method="GET",route="/api/v1/public/groups/:slug",status="404"} 1`,
		`peduli_http_request_duration_seconds_bucket{method="GET",route="/readyz",le="0.005"}`,
		`go_sql_max_open_connections{db_name="peduli"}`,
		`go_goroutines`,
	} {
		if code != http.StatusOK || !strings.Contains(body, want) {
			t.Fatalf("metrics (%d) lack %s:\n%s", code, want, body)
		}
	}
	for _, never := range []string{"rindu-sejahtera", "no-such-group"} {
		if strings.Contains(body, never) {
			t.Fatalf("metrics name a tenant: %q", never)
		}
	}
	if code, _ := get(t, base+"/metrics"); code == http.StatusOK {
		t.Fatal("metrics are served on the public address")
	}

	// A request in flight: headers and half the body sent.
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	payload := `{"email":"nobody@example.org","password":"wrong password here"}`
	fmt.Fprintf(conn, "POST /api/v1/auth/login HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s",
		addr, len(payload), payload[:10])

	stopped := time.Now()
	cancel() // SIGTERM
	waitFor(t, "/readyz to fail", func() bool { c, _ := get(t, base+"/readyz"); return c == http.StatusServiceUnavailable })
	if waited := time.Since(stopped); waited > 500*time.Millisecond {
		t.Fatalf("/readyz failed only after %v", waited)
	}
	if c, b := get(t, base+"/readyz"); !strings.Contains(b, "draining") || c != http.StatusServiceUnavailable {
		t.Fatalf("readyz while draining: %d %s", c, b)
	}
	if c, _ := get(t, base+"/api/v1/public/groups/rindu-sejahtera"); c != http.StatusOK {
		t.Fatalf("a request during the drain answered %d", c)
	}
	select {
	case err := <-done:
		t.Fatalf("serve exited during the drain: %v", err)
	case <-time.After(1800*time.Millisecond - time.Since(stopped)):
	}
	// The drain is over and the server is shutting down: it no longer
	// accepts, but finishes the request in flight.
	if _, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		t.Error("still accepting connections after the drain")
	}
	fmt.Fprint(conn, payload[10:])
	_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	status, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil || !strings.HasPrefix(status, "HTTP/1.1 401") {
		t.Fatalf("the in-flight request got %q, %v", status, err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not exit after draining")
	}
}
