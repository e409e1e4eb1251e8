package sealed

import (
	"bytes"
	"errors"
	"testing"
)

func mustDataKey(t testing.TB, m *Master, tenant string) DataKey {
	t.Helper()
	k, _, err := m.NewDataKey([]byte(tenant))
	if err != nil {
		t.Fatalf("NewDataKey: %v", err)
	}
	return k
}

func TestSealOpen(t *testing.T) {
	m := mustMaster(t, testSecret)
	k := mustDataKey(t, m, "tenant-a")
	other := mustDataKey(t, m, "tenant-b")
	aad := []byte("beneficiaries.nik:42")
	nik := []byte("5301084107850001")
	ct := k.Seal(nik, aad)

	tampered := func(i int) []byte {
		c := bytes.Clone(ct)
		c[i] ^= 0x80
		return c
	}
	tests := []struct {
		name    string
		key     DataKey
		ct      []byte
		aad     []byte
		want    []byte
		wantErr bool
	}{
		{"round trip", k, ct, aad, nik, false},
		{"empty plaintext", k, k.Seal(nil, aad), aad, []byte{}, false},
		{"nil aad", k, k.Seal(nik, nil), nil, nik, false},
		{"tampered version", k, tampered(0), aad, nil, true},
		{"tampered nonce", k, tampered(1), aad, nil, true},
		{"tampered body", k, tampered(1 + nonceSize), aad, nil, true},
		{"tampered tag", k, tampered(len(ct) - 1), aad, nil, true},
		{"truncated", k, ct[:len(ct)-1], aad, nil, true},
		{"too short", k, ct[:5], aad, nil, true},
		{"empty", k, nil, aad, nil, true},
		{"other row", k, ct, []byte("beneficiaries.nik:43"), nil, true},
		{"other field", k, ct, []byte("beneficiaries.kk:42"), nil, true},
		{"other tenant's key", other, ct, aad, nil, true},
		{"zero key (destroyed)", DataKey{}, ct, aad, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.key.Open(tt.ct, tt.aad)
			if tt.wantErr {
				if !errors.Is(err, ErrDecrypt) {
					t.Fatalf("err = %v, want ErrDecrypt", err)
				}
				if got != nil {
					t.Fatalf("failed Open returned data %q", got)
				}
				return
			}
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			if !bytes.Equal(got, tt.want) {
				t.Fatalf("Open = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSealIsRandomised(t *testing.T) {
	k := mustDataKey(t, mustMaster(t, testSecret), "t")
	a := k.Seal([]byte("5301084107850001"), nil)
	b := k.Seal([]byte("5301084107850001"), nil)
	if bytes.Equal(a, b) {
		t.Fatal("two seals of the same plaintext are equal")
	}
	if bytes.Contains(a, []byte("5301084107850001")) {
		t.Fatal("ciphertext contains the plaintext")
	}
	if a[0] != sealVersion {
		t.Fatalf("version byte = %d, want %d", a[0], sealVersion)
	}
}

func TestSealZeroKeyPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("Seal with a zero DataKey did not panic")
		}
	}()
	DataKey{}.Seal([]byte("x"), nil)
}

func TestBlindIndex(t *testing.T) {
	m := mustMaster(t, testSecret)
	k := mustDataKey(t, m, "tenant-a")
	other := mustDataKey(t, m, "tenant-b")
	const nik = "5301084107850001"
	base := k.BlindIndex("nik", nik)

	tests := []struct {
		name      string
		got       string
		wantEqual bool
	}{
		{"same key, purpose and value", k.BlindIndex("nik", nik), true},
		{"same key after unwrap", unwrapAgain(t, m, "tenant-a", k).BlindIndex("nik", nik), true},
		{"other tenant's key", other.BlindIndex("nik", nik), false},
		{"other purpose", k.BlindIndex("kk", nik), false},
		{"other value", k.BlindIndex("nik", "5301084107850002"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if (tt.got == base) != tt.wantEqual {
				t.Fatalf("index %s vs %s: equal = %v, want %v", tt.got, base, tt.got == base, tt.wantEqual)
			}
		})
	}
	if len(base) != 64 {
		t.Fatalf("index length = %d, want 64 hex characters", len(base))
	}
}

// unwrapAgain wraps k and unwraps it, as a server restart would.
func unwrapAgain(t *testing.T, m *Master, tenant string, k DataKey) DataKey {
	t.Helper()
	w, err := m.Wrap(k, []byte(tenant))
	if err != nil {
		t.Fatal(err)
	}
	k2, err := m.Unwrap(w, []byte(tenant))
	if err != nil {
		t.Fatal(err)
	}
	return k2
}

func BenchmarkSeal(b *testing.B) {
	k := mustDataKey(b, mustMaster(b, testSecret), "tenant")
	nik := []byte("5301084107850001")
	aad := []byte("beneficiaries.nik:0190f0a4-7c1e-7a3b-9a57-3f1f3c6a9d21")
	b.ReportAllocs()
	for b.Loop() {
		k.Seal(nik, aad)
	}
}

func BenchmarkBlindIndex(b *testing.B) {
	k := mustDataKey(b, mustMaster(b, testSecret), "tenant")
	b.ReportAllocs()
	for b.Loop() {
		k.BlindIndex("nik", "5301084107850001")
	}
}
