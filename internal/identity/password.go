package identity

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Argon2id parameters: OWASP's minimum (19 MiB, 2 passes, 1 lane).
const (
	argonMemory  = 19 * 1024
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
	argonSaltLen = 16
)

// Password length bounds (NIST SP 800-63B): no composition rules.
const (
	PasswordMin = 8
	PasswordMax = 128
)

var errBadHash = errors.New("identity: unreadable password hash")

// CheckPasswordRules returns a client-safe reason when password is unusable:
// too short, too long, or on the list of the most common passwords.
func CheckPasswordRules(password string) string {
	n := utf8.RuneCountInString(password)
	switch {
	case n < PasswordMin:
		return fmt.Sprintf("must be at least %d characters", PasswordMin)
	case n > PasswordMax:
		return fmt.Sprintf("must be at most %d characters", PasswordMax)
	case IsCommonPassword(password):
		return "is too common"
	}
	return ""
}

// HashPassword returns a PHC-format argon2id hash of password.
func HashPassword(password string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}

// VerifyPassword reports whether password matches hash, in constant time.
func VerifyPassword(hash, password string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errBadHash
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false, errBadHash
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[4])
	if err != nil {
		return false, errBadHash
	}
	want, err := base64.RawStdEncoding.DecodeString(parts[5])
	if err != nil {
		return false, errBadHash
	}
	// The hash is ours, but bound what it may ask for: a tampered row must
	// not make one login allocate gigabytes.
	if len(want) < 16 || len(want) > 64 || m > 256*1024 || t == 0 || t > 16 || p == 0 {
		return false, errBadHash
	}
	got := argon2.IDKey([]byte(password), salt, t, m, p, uint32(len(want))) // #nosec G115 -- len(want) is 16..64, checked above
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// dummyHash is verified against when an email is unknown, so a login for a
// missing account takes as long as one for an existing account.
var dummyHash, _ = HashPassword("peduli timing equaliser")
