package app_test

import (
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/platform/config"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

// dbProxy stands between a replica and PostgreSQL: it forwards, cuts every
// connection and refuses new ones (the database went away), or accepts and
// never answers (the database hangs).
type dbProxy struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	mode   string // "up", "down" or "hang"
	conns  []net.Conn
}

func newDBProxy(t *testing.T, target string) *dbProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &dbProxy{ln: ln, target: target, mode: "up"}
	t.Cleanup(func() { ln.Close(); p.set("down") })
	go p.serve()
	return p
}

func (p *dbProxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		mode := p.mode
		if mode != "down" {
			p.conns = append(p.conns, c)
		}
		p.mu.Unlock()
		switch mode {
		case "down":
			c.Close()
		case "up":
			up, err := net.Dial("tcp", p.target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, up)
			p.mu.Unlock()
			go p.pipe(up, c)
			go p.pipe(c, up)
		}
	}
}

// set switches the mode; leaving "up" cuts every open connection.
func (p *dbProxy) set(mode string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.mode = mode
	if mode == "down" {
		for _, c := range p.conns {
			c.Close()
		}
		p.conns = nil
	}
}

// pipe forwards src to dst, holding every chunk while the proxy hangs.
func (p *dbProxy) pipe(dst, src net.Conn) {
	defer dst.Close()
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		for n > 0 {
			p.mu.Lock()
			mode := p.mode
			p.mu.Unlock()
			if mode != "hang" {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		if n > 0 {
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// hang freezes the proxy: connections stay open and bytes stop flowing.
func (p *dbProxy) hang() { p.set("hang") }

// TestDatabaseOutage: a replica whose database goes away answers 503 with
// Retry-After at once (reads, writes, pages, readiness), stays alive, and
// serves again by itself when the database returns; a database that hangs
// costs a request the request timeout, then 503.
func TestDatabaseOutage(t *testing.T) {
	if testkit.Dialects(t)[len(testkit.Dialects(t))-1] != db.Postgres {
		t.Skip("needs PostgreSQL (PEDULI_TEST_POSTGRES_URL)")
	}
	var proxy *dbProxy
	e := testkit.New(t, db.Postgres, func(c *config.Config) {
		u, err := url.Parse(c.DatabaseURL)
		if err != nil {
			t.Fatal(err)
		}
		proxy = newDBProxy(t, u.Host)
		u.Host = proxy.ln.Addr().String()
		c.DatabaseURL = u.String()
	})
	g := e.SignupGroup("Kelompok Tahan")
	base := "/api/v1/t/" + g.Slug
	entry := map[string]any{"kind": "income", "amount": 1000, "currency": "idr", "category": "iuran", "occurred_on": "2026-03-03"}
	e.Do(http.MethodGet, base+"/ledger", g.OwnerToken, nil).Expect(http.StatusOK)
	before := e.CountRows("ledger_entries", g.TenantID)

	proxy.set("down")
	start := time.Now()
	for _, req := range []struct{ method, path string }{
		{http.MethodGet, base + "/ledger"}, {http.MethodPost, base + "/ledger"}, {http.MethodGet, "/readyz"},
	} {
		var body any
		if req.method == http.MethodPost {
			body = entry
		}
		token := g.OwnerToken
		if req.path == "/readyz" {
			token = ""
		}
		res := e.Do(req.method, req.path, token, body)
		if res.Status != http.StatusServiceUnavailable {
			t.Fatalf("%s %s with the database down: %d %s", req.method, req.path, res.Status, res.Body)
		}
		if req.path != "/readyz" && (res.Header.Get("Retry-After") == "" || !strings.Contains(string(res.Body), `"unavailable"`)) {
			t.Fatalf("%s %s: no Retry-After or problem: %v %s", req.method, req.path, res.Header, res.Body)
		}
	}
	page := e.BrowserAs(g.OwnerToken).Get("/t/" + g.Slug + "/ledger")
	if page.Status != http.StatusServiceUnavailable {
		t.Fatalf("ledger page with the database down: %d", page.Status)
	}
	e.Do(http.MethodGet, "/healthz", "", nil).Expect(http.StatusOK) // alive: no restart wanted
	if took := time.Since(start); took > 5*time.Second {
		t.Fatalf("answering during the outage took %v", took)
	}

	proxy.set("up")
	e.Do(http.MethodGet, "/readyz", "", nil).Expect(http.StatusOK)
	e.Do(http.MethodGet, base+"/ledger", g.OwnerToken, nil).Expect(http.StatusOK)
	e.Do(http.MethodPost, base+"/ledger", g.OwnerToken, entry).Expect(http.StatusCreated)
	if n := e.CountRows("ledger_entries", g.TenantID); n != before+1 {
		t.Fatalf("entries: %d before, %d after one write during and one after the outage", before, n)
	}

	// A database that accepts but never answers: bounded by the timeouts.
	// The request deadline (1 s here) ends it, before the 5 s connect timeout.
	e.App.RequestTimeout = time.Second
	proxy.hang()
	within := func(what string, f func() *testkit.Response) *testkit.Response {
		done := make(chan *testkit.Response, 1)
		go func() { done <- f() }()
		select {
		case res := <-done:
			return res
		case <-time.After(4 * time.Second):
			t.Fatalf("%s: no answer within 4 s from a hanging database", what)
			return nil
		}
	}
	if res := within("ledger", func() *testkit.Response {
		return e.Do(http.MethodGet, base+"/ledger", g.OwnerToken, nil)
	}); res.Status != http.StatusServiceUnavailable {
		t.Fatalf("ledger with a hanging database: %d %s", res.Status, res.Body)
	}
	if res := within("readyz", func() *testkit.Response {
		return e.Do(http.MethodGet, "/readyz", "", nil)
	}); res.Status != http.StatusServiceUnavailable {
		t.Fatalf("readyz with a hanging database: %d", res.Status)
	}
	proxy.set("down")
	proxy.set("up")
	e.Do(http.MethodGet, base+"/ledger", g.OwnerToken, nil).Expect(http.StatusOK)
}
