package identity

import (
	_ "embed"
	"strings"
	"sync"
)

// commonPasswordsText is the 10,000 most common passwords, most common
// first: the first 10,000 distinct entries (lower-cased) of passwords.json
// in the npm package @zxcvbn-ts/language-common 4.1.3 (MIT licence), which
// ranks passwords by how often they appear in public breach corpora.
//
//go:embed common_passwords.txt
var commonPasswordsText string

var commonPasswords = sync.OnceValue(func() map[string]struct{} {
	set := make(map[string]struct{}, 10000)
	for _, line := range strings.Split(commonPasswordsText, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		set[line] = struct{}{}
	}
	return set
})

// IsCommonPassword reports whether password, ignoring case and surrounding
// spaces, is on the shipped list of most common passwords.
func IsCommonPassword(password string) bool {
	_, ok := commonPasswords()[strings.ToLower(strings.TrimSpace(password))]
	return ok
}
