package testkit

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// The whole test binary's logs, checked once all its tests ran: a value one
// test registered with Forbid must not appear in any test's logs, and no log
// may hold anything shaped like a NIK or an Indonesian mobile number.
var suiteLogs struct {
	mu      sync.Mutex
	buffers []*LogBuffer
}

func trackLogs(l *LogBuffer) {
	suiteLogs.mu.Lock()
	defer suiteLogs.mu.Unlock()
	suiteLogs.buffers = append(suiteLogs.buffers, l)
}

var (
	nikShape = regexp.MustCompile(`\b\d{16}\b`)
	// A phone number stands alone: not the fraction of a logged duration
	// (12.0812345678) nor the all-digit last group of an id
	// (…-9a1b-081234567890), so the digits must not follow a digit, a
	// letter, a point, a dash or an underscore.
	phoneShape = regexp.MustCompile(`(?:^|[^0-9A-Za-z._-])((?:\+62|62|0)8\d{7,11})\b`)
)

// CheckSuiteLogs returns one line per problem found in all logs captured so
// far by this binary's Envs. Main runs it after the tests.
func CheckSuiteLogs() []string {
	suiteLogs.mu.Lock()
	bufs := append([]*LogBuffer(nil), suiteLogs.buffers...)
	suiteLogs.mu.Unlock()
	var secrets []string
	for _, b := range bufs {
		b.mu.Lock()
		secrets = append(secrets, b.secrets...)
		b.mu.Unlock()
	}
	var out []string
	for i, b := range bufs {
		logged := b.String()
		for _, s := range secrets {
			if strings.Contains(logged, s) {
				out = append(out, fmt.Sprintf("log of test app #%d holds a value some test registered as personal or secret", i+1))
				break
			}
		}
		if m := nikShape.FindString(logged); m != "" {
			out = append(out, fmt.Sprintf("log of test app #%d holds a 16-digit number shaped like a NIK (%s…)", i+1, m[:4]))
		}
		if m := phoneShape.FindStringSubmatch(logged); m != nil {
			out = append(out, fmt.Sprintf("log of test app #%d holds a number shaped like a mobile phone (%s…)", i+1, m[1][:4]))
		}
	}
	return out
}
