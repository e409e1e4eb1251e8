package sealed

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
)

const (
	testSecret  = "correct horse battery staple 0123456789"
	otherSecret = "another operator secret, also long enough!"
)

func mustMaster(t testing.TB, secret string) *Master {
	t.Helper()
	m, err := NewMaster(secret)
	if err != nil {
		t.Fatalf("NewMaster: %v", err)
	}
	return m
}

func TestNewMasterSecretLength(t *testing.T) {
	tests := []struct {
		name    string
		secret  string
		wantErr bool
	}{
		{"empty", "", true},
		{"31 characters", strings.Repeat("s", 31), true},
		{"32 characters", strings.Repeat("s", 32), false},
		{"long", testSecret, false},
		// 31 two-byte characters are 62 bytes but still too few characters.
		{"31 multibyte characters", strings.Repeat("é", 31), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewMaster(tt.secret)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if err != nil && tt.secret != "" && strings.Contains(err.Error(), tt.secret) {
				t.Fatalf("error message contains the secret")
			}
		})
	}
}

func TestUnwrap(t *testing.T) {
	m := mustMaster(t, testSecret)
	k, wrapped, err := m.NewDataKey([]byte("tenant-a"))
	if err != nil {
		t.Fatalf("NewDataKey: %v", err)
	}
	if len(wrapped) != wrappedSize || wrapped[0] != wrapVersion {
		t.Fatalf("wrapped key: %d bytes, version %d", len(wrapped), wrapped[0])
	}
	tampered := bytes.Clone(wrapped)
	tampered[len(tampered)-1] ^= 1
	wrongVersion := bytes.Clone(wrapped)
	wrongVersion[0] = 2

	tests := []struct {
		name    string
		master  *Master
		wrapped []byte
		aad     string
		wantErr bool
	}{
		{"same master and tenant", m, wrapped, "tenant-a", false},
		{"same secret, new Master", mustMaster(t, testSecret), wrapped, "tenant-a", false},
		{"other tenant's aad", m, wrapped, "tenant-b", true},
		{"other master", mustMaster(t, otherSecret), wrapped, "tenant-a", true},
		{"tampered", m, tampered, "tenant-a", true},
		{"unknown version", m, wrongVersion, "tenant-a", true},
		{"truncated", m, wrapped[:len(wrapped)-1], "tenant-a", true},
		{"empty", m, nil, "tenant-a", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.master.Unwrap(tt.wrapped, []byte(tt.aad))
			if tt.wantErr {
				if !errors.Is(err, ErrDecrypt) {
					t.Fatalf("err = %v, want ErrDecrypt", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Unwrap: %v", err)
			}
			// The unwrapped key must open what the original sealed.
			ct := k.Seal([]byte("3201234567890001"), []byte("aad"))
			if _, err := got.Open(ct, []byte("aad")); err != nil {
				t.Fatalf("unwrapped key cannot open: %v", err)
			}
		})
	}
}

func TestWrapRotatesMaster(t *testing.T) {
	oldM, newM := mustMaster(t, testSecret), mustMaster(t, otherSecret)
	k, wrapped, err := oldM.NewDataKey([]byte("t1"))
	if err != nil {
		t.Fatal(err)
	}
	ct := k.Seal([]byte("secret"), nil)
	unwrapped, err := oldM.Unwrap(wrapped, []byte("t1"))
	if err != nil {
		t.Fatal(err)
	}
	rewrapped, err := newM.Wrap(unwrapped, []byte("t1"))
	if err != nil {
		t.Fatal(err)
	}
	k2, err := newM.Unwrap(rewrapped, []byte("t1"))
	if err != nil {
		t.Fatalf("Unwrap after rotation: %v", err)
	}
	if pt, err := k2.Open(ct, nil); err != nil || string(pt) != "secret" {
		t.Fatalf("Open after rotation = %q, %v", pt, err)
	}
	if _, err := newM.Wrap(DataKey{}, []byte("t1")); err == nil {
		t.Fatal("Wrap of a zero DataKey succeeded")
	}
}

func TestKeysAreRedacted(t *testing.T) {
	m := mustMaster(t, testSecret)
	k, _, err := m.NewDataKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		fmt.Sprint(m), fmt.Sprintf("%+v", m), fmt.Sprintf("%#v", m),
		fmt.Sprint(k), fmt.Sprintf("%+v", k), fmt.Sprintf("%#v", k),
	} {
		if !strings.Contains(s, "redacted") {
			t.Errorf("formatted key %q is not redacted", s)
		}
	}
}
