// Package sealed encrypts personal data field by field (UU PDP 27/2022).
//
// It uses envelope encryption: a master key (KEK) derived from the operator's
// secret wraps one data key (DEK) per tenant, and each DEK encrypts that
// tenant's fields. Destroying a tenant's wrapped DEK makes all of its
// ciphertexts unreadable (crypto-shredding) without touching other tenants,
// and rotating the operator secret only means re-wrapping the DEKs.
//
// A DEK also derives keyed hashes ("blind indexes") so that a NIK or KK number
// can be checked for uniqueness and looked up without being stored in clear.
package sealed

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"unicode/utf8"
)

// MinSecretLength is the shortest operator secret NewMaster accepts, in
// characters; shorter secrets are too easy to guess for a key that protects
// every tenant's data.
const MinSecretLength = 32

// wrapVersion prefixes every wrapped DEK so the format can change later
// without guessing which format a stored key has.
const wrapVersion byte = 1

const (
	keySize   = 32
	nonceSize = 12
	tagSize   = 16
	// wrappedSize is version + nonce + encrypted key + GCM tag.
	wrappedSize = 1 + nonceSize + keySize + tagSize
)

// ErrDecrypt is returned whenever a ciphertext or wrapped key cannot be
// opened: wrong key, wrong aad, tampering, unknown version or a destroyed
// key. It deliberately carries no detail, so no data can leak through it.
var ErrDecrypt = errors.New("sealed: cannot decrypt")

var errShortSecret = errors.New("sealed: PEDULI_SECRET_KEY must be at least 32 characters")

// Master holds the key-encryption key (KEK). It never keeps the operator
// secret itself.
type Master struct {
	kek cipher.AEAD
}

// NewMaster derives the KEK from the operator secret (PEDULI_SECRET_KEY) with
// HKDF-SHA256. The secret is used byte for byte: trimming belongs to whoever
// reads it, and every replica must see the same bytes.
func NewMaster(secret string) (*Master, error) {
	if utf8.RuneCountInString(secret) < MinSecretLength {
		return nil, errShortSecret
	}
	kek, err := hkdf.Key(sha256.New, []byte(secret), nil, "peduli kek v1", keySize)
	if err != nil {
		return nil, err
	}
	aead, err := newAEAD(kek)
	if err != nil {
		return nil, err
	}
	return &Master{kek: aead}, nil
}

// NewDataKey returns a fresh random DEK and its wrapped form, bound to aad
// (callers pass []byte(tenantID)). The wrapped form is what gets stored.
func (m *Master) NewDataKey(aad []byte) (DataKey, []byte, error) {
	raw := make([]byte, keySize)
	rand.Read(raw) // never fails since Go 1.24; it crashes the program instead
	k, err := newDataKey(raw)
	if err != nil {
		return DataKey{}, nil, err
	}
	wrapped, err := m.Wrap(k, aad)
	if err != nil {
		return DataKey{}, nil, err
	}
	return k, wrapped, nil
}

// Wrap encrypts a DEK under the KEK with AES-256-GCM, bound to aad (the
// tenant id). It is used when a DEK is created and when the operator secret
// is rotated (Unwrap with the old Master, Wrap with the new one).
func (m *Master) Wrap(k DataKey, aad []byte) ([]byte, error) {
	if k.aead == nil {
		return nil, errors.New("sealed: cannot wrap a zero DataKey")
	}
	return seal(m.kek, wrapVersion, k.raw[:], aad), nil
}

// Unwrap opens a wrapped DEK. It fails with ErrDecrypt unless the key was
// wrapped by a Master with the same secret and the same aad.
func (m *Master) Unwrap(wrapped []byte, aad []byte) (DataKey, error) {
	if len(wrapped) != wrappedSize {
		return DataKey{}, ErrDecrypt
	}
	raw, err := open(m.kek, wrapVersion, wrapped, aad)
	if err != nil {
		return DataKey{}, err
	}
	return newDataKey(raw)
}

// String keeps the key out of logs and error messages.
func (m *Master) String() string { return "sealed.Master(redacted)" }

// GoString keeps the key out of %#v output.
func (m *Master) GoString() string { return m.String() }

func newAEAD(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	// The random-nonce GCM prepends its 96-bit nonce to each ciphertext, so
	// no code here ever picks a nonce by hand.
	return cipher.NewGCMWithRandomNonce(block)
}

// seal writes version || nonce || ciphertext || tag. The version byte is
// authenticated too (it leads the GCM additional data), so it cannot be
// swapped to make a future format misread an old ciphertext.
func seal(aead cipher.AEAD, version byte, plaintext, aad []byte) []byte {
	out := make([]byte, 1, 1+len(plaintext)+aead.Overhead())
	out[0] = version
	// #nosec G407 -- the nil nonce asks NewGCMWithRandomNonce to draw a random one per message
	return aead.Seal(out, nil, plaintext, versionedAAD(version, aad))
}

// open reverses seal; every failure is ErrDecrypt.
func open(aead cipher.AEAD, version byte, ciphertext, aad []byte) ([]byte, error) {
	if len(ciphertext) < 1+aead.Overhead() || ciphertext[0] != version {
		return nil, ErrDecrypt
	}
	plaintext, err := aead.Open(nil, nil, ciphertext[1:], versionedAAD(version, aad))
	if err != nil {
		return nil, ErrDecrypt
	}
	return plaintext, nil
}

func versionedAAD(version byte, aad []byte) []byte {
	full := make([]byte, 0, 1+len(aad))
	full = append(full, version)
	return append(full, aad...)
}
