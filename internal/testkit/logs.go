package testkit

import (
	"bytes"
	"sync"
	"testing"
)

// LogBuffer keeps everything the App logged during a test.
type LogBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
	// Secrets are strings that must never appear in the logs: NIKs, phone
	// numbers, passwords and tokens a test used. CheckLogs fails on any.
	secrets []string
}

// Write appends to the buffer.
func (l *LogBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// String returns what was logged so far.
func (l *LogBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// Forbid registers values that must never be logged.
func (l *LogBuffer) Forbid(values ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, v := range values {
		if len(v) >= 6 {
			l.secrets = append(l.secrets, v)
		}
	}
}

// CheckLogs fails the test if a forbidden value reached the logs.
func CheckLogs(t testing.TB, l *LogBuffer) {
	t.Helper()
	logged := l.String()
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, s := range l.secrets {
		if bytes.Contains([]byte(logged), []byte(s)) {
			t.Errorf("a secret or personal value used in this test appeared in the logs")
		}
	}
}
