package storage

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// Dir stores objects as files under Root, one file per key, with the key's
// slashes as directories. Files are written to a temporary name and renamed,
// so a reader never sees half a file.
type Dir struct{ Root string }

func (d Dir) path(key string) (string, error) {
	if !ValidKey(key) {
		return "", errInvalidKey
	}
	return filepath.Join(d.Root, filepath.FromSlash(key)), nil
}

// Put writes data to the key's file (mode 0600, directories 0750).
func (d Dir) Put(_ context.Context, key string, data []byte, _ string) error {
	p, err := d.path(key)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".upload-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		_ = os.Remove(tmp) // the write already failed; report that
		return err
	}
	if err := os.Rename(tmp, p); err != nil {
		_ = os.Remove(tmp) // the rename already failed; report that
		return err
	}
	return nil
}

// Open opens the key's file.
func (d Dir) Open(_ context.Context, key string) (*Object, error) {
	p, err := d.path(key)
	if err != nil {
		return nil, ErrNotFound
	}
	f, err := os.Open(p) // #nosec G304 -- p is Root joined with a key ValidKey accepted
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		_ = f.Close() // nothing was read
		return nil, ErrNotFound
	}
	return &Object{Body: f, Size: st.Size()}, nil
}

// Delete removes the key's file.
func (d Dir) Delete(_ context.Context, key string) error {
	p, err := d.path(key)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// Check creates Root if it is missing.
func (d Dir) Check(context.Context) error { return os.MkdirAll(d.Root, 0o750) }
