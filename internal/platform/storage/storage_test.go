package storage_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/platform/storage"
	"github.com/peduli/peduli/internal/testkit"
)

// conformance is what every Store must do.
func conformance(t *testing.T, s storage.Store) {
	ctx := context.Background()
	if err := s.Check(ctx); err != nil {
		t.Fatalf("check: %v", err)
	}
	data := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{7}, 3000)...)
	key := "receipts/0b6d6a4e-0000-4000-8000-000000000001/abc123.png"
	if err := s.Put(ctx, key, data, "image/png"); err != nil {
		t.Fatalf("put: %v", err)
	}
	obj, err := s.Open(ctx, key)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	got, err := io.ReadAll(obj.Body)
	obj.Body.Close()
	if err != nil || !bytes.Equal(got, data) || obj.Size != int64(len(data)) {
		t.Fatalf("read back %d bytes (size %d), err %v; want %d", len(got), obj.Size, err, len(data))
	}
	if _, err := s.Open(ctx, "receipts/x/missing.png"); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("missing object: %v, want ErrNotFound", err)
	}
	for _, bad := range []string{"../etc/passwd", "/abs", "a//b", "a/./b", "a/b c", ""} {
		if err := s.Put(ctx, bad, data, "image/png"); err == nil {
			t.Fatalf("put accepted key %q", bad)
		}
		if _, err := s.Open(ctx, bad); !errors.Is(err, storage.ErrNotFound) {
			t.Fatalf("open of key %q: %v", bad, err)
		}
	}
	if err := s.Delete(ctx, key); err != nil {
		t.Fatalf("delete: %v", err)
	}
	if _, err := s.Open(ctx, key); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("deleted object: %v", err)
	}
	if err := s.Delete(ctx, key); err != nil {
		t.Fatalf("deleting a missing object: %v", err)
	}
}

func TestDir(t *testing.T) {
	root := t.TempDir()
	conformance(t, storage.Dir{Root: root})
	// A file written before the store existed (same layout) is served.
	old := filepath.Join(root, "receipts", "t1", "old.pdf")
	if err := os.MkdirAll(filepath.Dir(old), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(old, []byte("%PDF-1.4"), 0o600); err != nil {
		t.Fatal(err)
	}
	obj, err := storage.Dir{Root: root}.Open(context.Background(), "receipts/t1/old.pdf")
	if err != nil {
		t.Fatalf("existing file: %v", err)
	}
	obj.Body.Close()
	// No temporary files are left behind.
	leftovers, _ := filepath.Glob(filepath.Join(root, "receipts", "*", ".upload-*"))
	if len(leftovers) > 0 {
		t.Fatalf("temporary files left: %v", leftovers)
	}
}

func TestS3(t *testing.T) {
	cfg := testkit.S3(t)
	s, err := storage.NewS3(cfg)
	if err != nil {
		t.Fatal(err)
	}
	conformance(t, s)

	// Objects are private: an anonymous request for one is refused.
	ctx := context.Background()
	key := "receipts/t1/private.png"
	if err := s.Put(ctx, key, []byte("secret"), "image/png"); err != nil {
		t.Fatal(err)
	}
	base := cfg.Endpoint
	if !strings.Contains(base, "://") {
		base = "https://" + base
	}
	res, err := http.Get(base + "/" + cfg.Bucket + "/" + key)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden || bytes.Contains(body, []byte("secret")) {
		t.Fatalf("anonymous read answered %d", res.StatusCode)
	}
}

func TestS3Unreachable(t *testing.T) {
	// Nothing listens on port 1: the store answers ErrUnavailable quickly.
	s, err := storage.NewS3(storage.S3Config{Endpoint: "http://127.0.0.1:1", Bucket: "peduli", AccessKey: "a", SecretKey: "b"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Put(context.Background(), "a/b", []byte("x"), "text/plain"); !errors.Is(err, storage.ErrUnavailable) {
		t.Fatalf("put to nowhere: %v", err)
	}
	if _, err := s.Open(context.Background(), "a/b"); !errors.Is(err, storage.ErrUnavailable) {
		t.Fatalf("open from nowhere: %v", err)
	}
}

func TestValidKey(t *testing.T) {
	for key, want := range map[string]bool{
		"receipts/t/a.png": true, "a": true, "a/../b": false, "a\\b": false, "a/b/": false, "ä": false,
	} {
		if storage.ValidKey(key) != want {
			t.Errorf("ValidKey(%q) = %v", key, !want)
		}
	}
}
