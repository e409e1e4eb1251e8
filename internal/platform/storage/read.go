package storage

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
)

// ReadAll reads the object under key, at most limit bytes of it. A missing
// object is ErrNotFound; a read that fails part-way is ErrUnavailable, as
// the store went away while answering.
func ReadAll(ctx context.Context, s Store, key string, limit int64) ([]byte, error) {
	obj, err := s.Open(ctx, key)
	if err != nil {
		return nil, err
	}
	defer obj.Body.Close()
	data, err := io.ReadAll(io.LimitReader(obj.Body, limit))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrUnavailable, err)
	}
	return data, nil
}

// NewName is a random name for a new object, ending in ext (".jpg"), so an
// object's key reveals nothing and cannot be guessed.
func NewName(ext string) string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:]) + ext
}
