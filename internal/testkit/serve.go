package testkit

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/app"
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

// Oversized announces a body of size bytes over a real connection. Over
// app.UploadBodyLimit it sends none of it: the server refuses by
// Content-Length at once, and sending the body too would race the server's
// close (unread bytes turn the close into a reset that can swallow the 413
// before the client reads it). Up to that limit the server reads the body
// before refusing it, so it is sent.
func (e *Env) Oversized(method, path, token string, size int) *Response {
	e.T.Helper()
	h := map[string]string{"Content-Type": "application/json"}
	if token != "" {
		h["Authorization"] = "Bearer " + token
	}
	return e.oversized(method, path, size, h)
}

// OversizedPage is Oversized for a signed-in browser (token is her session
// cookie) sending a form with a file.
func (e *Env) OversizedPage(path, token string, size int) *Response {
	e.T.Helper()
	return e.oversized("POST", path, size, map[string]string{"Content-Type": "multipart/form-data; boundary=x",
		"Accept": "text/html", "Cookie": "peduli_session=" + token})
}

func (e *Env) oversized(method, path string, size int, headers map[string]string) *Response {
	e.T.Helper()
	u, _ := url.Parse(e.URL())
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		e.T.Fatalf("dial: %v", err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	head := fmt.Sprintf("%s %s HTTP/1.1\r\nHost: %s\r\nContent-Length: %d\r\n", method, path, u.Host, size)
	for k, v := range headers {
		head += k + ": " + v + "\r\n"
	}
	if _, err := conn.Write([]byte(head + "\r\n")); err != nil {
		e.T.Fatalf("write: %v", err)
	}
	if size <= app.UploadBodyLimit {
		// The server reads bodies up to the upload limit before it
		// refuses one over BodyLimit on a route that takes no file.
		if _, err := conn.Write(bytes.Repeat([]byte{'a'}, size)); err != nil {
			e.T.Fatalf("write body: %v", err)
		}
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		e.T.Fatalf("oversized %s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return &Response{Status: res.StatusCode, Header: res.Header, Body: b, t: e.T}
}
