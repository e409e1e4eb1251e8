package testkit

import (
	"net"
	"net/http"
	"testing"
	"time"
)

// With returns a copy of the Env that reports failures to t (a subtest).
func (e *Env) With(t testing.TB) *Env {
	c := *e
	c.T = t
	return &c
}

// URL serves the App on a free loopback port (once per Env) and returns its
// base URL, for tests that need a real connection: oversized bodies, the
// browser, load.
func (e *Env) URL() string {
	e.T.Helper()
	if e.baseURL != "" {
		return e.baseURL
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		e.T.Fatalf("listen: %v", err)
	}
	go func() { _ = e.App.HTTP.Listener(ln) }()
	e.baseURL = "http://" + ln.Addr().String()
	e.T.Cleanup(func() { _ = e.App.HTTP.ShutdownWithTimeout(5 * time.Second) })
	return e.baseURL
}

// Client is an HTTP client for URL() with a sane timeout.
var Client = &http.Client{Timeout: 30 * time.Second}
