package sealed

import (
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
)

// sealVersion prefixes every field ciphertext; see wrapVersion for why.
const sealVersion byte = 1

// DataKey is one tenant's data-encryption key (DEK). It is opaque: the key
// bytes never leave the package except wrapped by a Master. The zero value is
// not usable; get one from Master.NewDataKey or Master.Unwrap.
type DataKey struct {
	raw  *[keySize]byte
	aead cipher.AEAD
}

func newDataKey(raw []byte) (DataKey, error) {
	if len(raw) != keySize {
		return DataKey{}, errors.New("sealed: data key must be 32 bytes")
	}
	var k [keySize]byte
	copy(k[:], raw)
	aead, err := newAEAD(k[:])
	if err != nil {
		return DataKey{}, err
	}
	return DataKey{raw: &k, aead: aead}, nil
}

// Seal encrypts plaintext with AES-256-GCM under a random 96-bit nonce and
// returns version || nonce || ciphertext || tag. The aad names where the
// value lives, e.g. "beneficiaries.nik:" + record id, so a ciphertext copied
// to another row or column no longer opens. Sealing the same plaintext twice
// gives different ciphertexts.
//
// A key must not seal more than 2^32 values (random-nonce GCM limit); one
// tenant's records stay far below that. Seal panics on a zero DataKey, which
// is a programming error.
func (k DataKey) Seal(plaintext, aad []byte) []byte {
	if k.aead == nil {
		panic("sealed: Seal with a zero DataKey")
	}
	return seal(k.aead, sealVersion, plaintext, aad)
}

// Open decrypts what Seal produced with the same key and aad. Any failure
// (wrong key, wrong aad, tampering, destroyed key) is ErrDecrypt.
func (k DataKey) Open(ciphertext, aad []byte) ([]byte, error) {
	if k.aead == nil {
		return nil, ErrDecrypt
	}
	return open(k.aead, sealVersion, ciphertext, aad)
}

// BlindIndex returns a keyed hash of value for equality look-ups and unique
// constraints (e.g. purpose "nik" or "kk"): HMAC-SHA256 under a sub-key that
// HKDF derives from the DEK with info "blind index "+purpose, hex-encoded
// (64 characters).
//
// It is deterministic for one tenant's key and differs across tenants and
// purposes, so the same NIK in two tenants cannot be linked. value is hashed
// exactly as given: callers pass the canonical form (registry.ParseNIK's
// digits), because only they know what "the same value" means for a field.
// The hash resists guessing only while the DEK stays secret: NIKs are a small,
// structured space. It panics on a zero DataKey, like Seal.
func (k DataKey) BlindIndex(purpose string, value string) string {
	if k.raw == nil {
		panic("sealed: BlindIndex with a zero DataKey")
	}
	sub, err := hkdf.Key(sha256.New, k.raw[:], nil, "blind index "+purpose, keySize)
	if err != nil {
		// Only an impossible output length makes HKDF fail.
		panic("sealed: " + err.Error())
	}
	mac := hmac.New(sha256.New, sub)
	mac.Write([]byte(value))
	return hex.EncodeToString(mac.Sum(nil))
}

// String keeps the key out of logs and error messages.
func (k DataKey) String() string { return "sealed.DataKey(redacted)" }

// GoString keeps the key out of %#v output.
func (k DataKey) GoString() string { return k.String() }
