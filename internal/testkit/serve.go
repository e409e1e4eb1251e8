package testkit

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
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

// Oversized announces a body of size bytes over a real connection and sends
// none of it: a server that refuses by Content-Length answers at once. Sending
// the body too would race the server's close (unread bytes turn the close
// into a reset that can swallow the 413 before the client reads it).
func (e *Env) Oversized(method, path, token string, size int) *Response {
	e.T.Helper()
	u, _ := url.Parse(e.URL())
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		e.T.Fatalf("dial: %v", err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	head := fmt.Sprintf("%s %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n", method, path, u.Host, size)
	if token != "" {
		head += "Authorization: Bearer " + token + "\r\n"
	}
	if _, err := conn.Write([]byte(head + "\r\n")); err != nil {
		e.T.Fatalf("write: %v", err)
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		e.T.Fatalf("oversized %s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return &Response{Status: res.StatusCode, Header: res.Header, Body: b, t: e.T}
}
