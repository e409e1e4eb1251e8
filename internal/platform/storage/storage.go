// Package storage keeps uploaded files outside the web process: in a local
// directory for the embedded, single-machine setup, or in an S3-compatible
// bucket when several replicas serve. Objects are private either way; a
// feature serves them through its own authorised handler.
package storage

import (
	"context"
	"errors"
	"io"
	"strings"
)

// ErrNotFound means no object is stored under the key.
var ErrNotFound = errors.New("storage: object not found")

// ErrUnavailable means the object store could not be reached; a handler
// answers 503 and the client tries again.
var ErrUnavailable = errors.New("storage: object store unavailable")

// Object is a stored file opened for reading. The caller closes Body.
type Object struct {
	Body io.ReadCloser
	Size int64
}

// Store keeps opaque files under slash-separated keys such as
// "receipts/<tenant id>/<random name>.png".
type Store interface {
	// Put stores data under key, replacing any object there.
	Put(ctx context.Context, key string, data []byte, contentType string) error
	// Open returns the object under key, or ErrNotFound.
	Open(ctx context.Context, key string) (*Object, error)
	// Delete removes the object under key; a missing object is no error.
	Delete(ctx context.Context, key string) error
	// Check reports whether the store can be used (the bucket exists).
	Check(ctx context.Context) error
}

// ValidKey reports whether key is a relative, slash-separated path of
// plain segments (letters, digits, '.', '-', '_'; no "." or ".."), so a key
// can never leave the local root or name a surprising object.
func ValidKey(key string) bool {
	if key == "" || len(key) > 512 {
		return false
	}
	for _, seg := range strings.Split(key, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return false
		}
		for _, r := range seg {
			ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_'
			if !ok {
				return false
			}
		}
	}
	return true
}

// errInvalidKey is returned for a key ValidKey refuses.
var errInvalidKey = errors.New("storage: invalid key")
