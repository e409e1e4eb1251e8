package testkit

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// stripeMock is the stripe-mock process shared by one test binary.
var stripeMock struct {
	once sync.Once
	cmd  *exec.Cmd
	url  string
	err  error
}

// StripeMockURL starts stripe-mock once per test binary on free ports and
// returns its HTTP base URL. Without the binary the test is skipped, or
// fails when CI=true (CI installs it with
// go install github.com/stripe/stripe-mock@v0.203.0).
func StripeMockURL(t testing.TB) string {
	t.Helper()
	stripeMock.once.Do(startStripeMock)
	if stripeMock.err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("stripe-mock: %v", stripeMock.err)
		}
		t.Skipf("stripe-mock not available: %v", stripeMock.err)
	}
	return stripeMock.url
}

func stripeMockBinary() (string, error) {
	if p, err := exec.LookPath("stripe-mock"); err == nil {
		return p, nil
	}
	var dirs []string
	if gp := os.Getenv("GOPATH"); gp != "" {
		dirs = append(dirs, filepath.Join(gp, "bin"))
	}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, "go", "bin"))
	}
	for _, d := range dirs {
		p := filepath.Join(d, "stripe-mock")
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("stripe-mock is not installed (go install github.com/stripe/stripe-mock@v0.203.0)")
}

func startStripeMock() {
	bin, err := stripeMockBinary()
	if err != nil {
		stripeMock.err = err
		return
	}
	httpPort, err1 := freePort()
	httpsPort, err2 := freePort()
	if err1 != nil || err2 != nil {
		stripeMock.err = fmt.Errorf("no free port")
		return
	}
	cmd := exec.Command(bin, "-http-addr", fmt.Sprintf("127.0.0.1:%d", httpPort),
		"-https-addr", fmt.Sprintf("127.0.0.1:%d", httpsPort))
	if err := cmd.Start(); err != nil {
		stripeMock.err = err
		return
	}
	stripeMock.cmd = cmd
	stripeMock.url = fmt.Sprintf("http://127.0.0.1:%d", httpPort)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		req, _ := http.NewRequest(http.MethodGet, stripeMock.url+"/v1/balance", nil)
		req.SetBasicAuth("sk_test_123", "")
		if res, err := http.DefaultClient.Do(req); err == nil {
			res.Body.Close()
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	stripeMock.err = fmt.Errorf("stripe-mock did not answer within 30s")
}

// stopStripeMock ends the process started by StripeMockURL, if any.
func stopStripeMock() {
	if c := stripeMock.cmd; c != nil && c.Process != nil {
		_ = c.Process.Kill()
		_, _ = c.Process.Wait()
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
