package storage_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/platform/storage"
)

// TestReadAll reads a stored file back whole, at most limit bytes of it,
// and a missing one as ErrNotFound.
func TestReadAll(t *testing.T) {
	ctx := context.Background()
	s := storage.Dir{Root: t.TempDir()}
	data := bytes.Repeat([]byte{7}, 100)
	if err := s.Put(ctx, "groups/g/a.jpg", data, "image/jpeg"); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		limit int64
		want  int
	}{{1000, 100}, {100, 100}, {40, 40}} {
		got, err := storage.ReadAll(ctx, s, "groups/g/a.jpg", tc.limit)
		if err != nil || !bytes.Equal(got, data[:tc.want]) {
			t.Errorf("limit %d: read %d bytes, err %v; want %d", tc.limit, len(got), err, tc.want)
		}
	}
	if _, err := storage.ReadAll(ctx, s, "groups/g/missing.jpg", 1000); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("missing file: %v, want ErrNotFound", err)
	}
	a, b := storage.NewName(".jpg"), storage.NewName(".jpg")
	if a == b || !strings.HasSuffix(a, ".jpg") || len(a) != 36 || !storage.ValidKey("groups/g/"+a) {
		t.Errorf("new names %q, %q: want two different valid 32-hex-digit names ending .jpg", a, b)
	}
}
