// Package replicas tests several real `peduli serve` processes on one
// PostgreSQL database: what one replica does, the others see.
package replicas_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/peduli/peduli/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// peduliBinary builds cmd/peduli once per test binary.
func peduliBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "peduli-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "peduli")
		cmd := exec.Command("go", "build", "-o", binPath, "github.com/peduli/peduli/cmd/peduli")
		out, err := cmd.CombinedOutput()
		if err != nil {
			buildErr = err
			binPath = string(out)
		}
	})
	if buildErr != nil {
		t.Fatalf("build peduli: %v\n%s", buildErr, binPath)
	}
	return binPath
}

// logBuffer collects a replica's log.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// replica is one running `peduli serve`.
type replica struct {
	name string
	cmd  *exec.Cmd
	base string
	log  *logBuffer
	done chan error
}

var listenRe = regexp.MustCompile(`"msg":"listening","addr":"(127\.0\.0\.1:\d+)"`)

// startReplica runs `peduli serve` on a free port with env (PEDULI_* from
// the test's own environment are not passed on).
func startReplica(t *testing.T, name string, env map[string]string) *replica {
	t.Helper()
	cmd := exec.Command(peduliBinary(t), "serve", "--addr", "127.0.0.1:0") // #nosec G204 -- the binary this test built
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PEDULI_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	env["PEDULI_DATA_DIR"] = t.TempDir()
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	r := &replica{name: name, cmd: cmd, log: &logBuffer{}, done: make(chan error, 1)}
	cmd.Stderr, cmd.Stdout = r.log, io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { r.done <- cmd.Wait() }()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			<-r.done
		}
		if t.Failed() {
			t.Logf("log of %s:\n%s", name, tail(r.log.String(), 4000))
		}
	})
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		if m := listenRe.FindStringSubmatch(r.log.String()); m != nil {
			r.base = "http://" + m[1]
			return r
		}
		select {
		case err := <-r.done:
			t.Fatalf("%s exited at start: %v\n%s", name, err, r.log.String())
		case <-time.After(100 * time.Millisecond):
		}
	}
	t.Fatalf("%s did not start listening:\n%s", name, r.log.String())
	return nil
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// stop sends SIGTERM and waits for a clean exit.
func (r *replica) stop(t *testing.T) {
	t.Helper()
	_ = r.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-r.done:
		if err != nil {
			t.Errorf("%s exited with %v after SIGTERM", r.name, err)
		}
	case <-time.After(30 * time.Second):
		t.Errorf("%s did not exit after SIGTERM", r.name)
	}
}

// kill ends the process at once, as a crashed node would.
func (r *replica) kill() {
	_ = r.cmd.Process.Kill()
	<-r.done
}

var client = &http.Client{Timeout: 15 * time.Second}

// call sends a JSON request (body may be nil) and returns the status and
// decoded body; a transport error returns status 0.
func (r *replica) call(method, path, token string, body any) (int, map[string]any, error) {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequestWithContext(context.Background(), method, r.base+path, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return do(req)
}

func do(req *http.Request) (int, map[string]any, error) {
	res, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	if m == nil {
		m = map[string]any{"_raw": string(b)}
	}
	return res.StatusCode, m, nil
}

// must is call expecting one status.
func (r *replica) must(t *testing.T, want int, method, path, token string, body any) map[string]any {
	t.Helper()
	code, m, err := r.call(method, path, token, body)
	if err != nil || code != want {
		t.Fatalf("%s: %s %s = %d %v (%v), want %d", r.name, method, path, code, m, err, want)
	}
	return m
}

// upload posts an expense with a receipt file.
func (r *replica) upload(t *testing.T, slug, token string, file []byte) map[string]any {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range map[string]string{"kind": "expense", "amount": "25000", "currency": "idr", "category": "bahan", "occurred_on": "2026-03-04"} {
		_ = w.WriteField(k, v)
	}
	fw, _ := w.CreateFormFile("receipt", "nota.pdf")
	_, _ = fw.Write(file)
	_ = w.Close()
	req, _ := http.NewRequest(http.MethodPost, r.base+"/api/v1/t/"+slug+"/ledger", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	code, m, err := do(req)
	if err != nil || code != http.StatusCreated {
		t.Fatalf("%s: upload = %d %v (%v)", r.name, code, m, err)
	}
	return m
}

func str(m map[string]any, keys ...string) string { return testkit.Str(m, keys...) }
