package sealed

import (
	"errors"
	"testing"
)

func TestSealString(t *testing.T) {
	m := mustMaster(t, testSecret)
	k := mustDataKey(t, m, "tenant-a")
	other := mustDataKey(t, m, "tenant-b")
	const aad = "beneficiaries.phone:7"

	tests := []struct {
		name    string
		sealKey DataKey
		openKey DataKey
		value   string
		openAAD string
		want    string
		wantErr bool
	}{
		{"round trip", k, k, "+6281234567890", aad, "+6281234567890", false},
		{"unicode", k, k, "Maria Nona Kolo — Oebelo", aad, "Maria Nona Kolo — Oebelo", false},
		{"empty stays empty", k, k, "", aad, "", false},
		{"wrong aad", k, k, "+6281234567890", "beneficiaries.phone:8", "", true},
		{"other tenant's key", k, other, "+6281234567890", aad, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sealed := SealString(tt.sealKey, tt.value, aad)
			if tt.value == "" && sealed != "" {
				t.Fatalf("SealString(\"\") = %q, want empty", sealed)
			}
			got, err := OpenString(tt.openKey, sealed, tt.openAAD)
			if tt.wantErr {
				if !errors.Is(err, ErrDecrypt) {
					t.Fatalf("err = %v, want ErrDecrypt", err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("OpenString = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestOpenStringRejectsGarbage(t *testing.T) {
	k := mustDataKey(t, mustMaster(t, testSecret), "t")
	for _, s := range []string{"not base64!", "AAAA", "5301084107850001"} {
		if _, err := OpenString(k, s, "x"); !errors.Is(err, ErrDecrypt) {
			t.Errorf("OpenString(%q) err = %v, want ErrDecrypt", s, err)
		}
	}
}
