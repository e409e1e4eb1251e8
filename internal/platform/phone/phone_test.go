package phone

import (
	"errors"
	"strings"
	"testing"
)

func TestNormalizePhone(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // empty means ErrInvalid
	}{
		{"local 12 digits", "081234567890", "+6281234567890"},
		{"local with spaces", "0812 3456 7890", "+6281234567890"},
		{"local with dashes", "0812-3456-7890", "+6281234567890"},
		{"local with parentheses and dots", "(0812) 3456.7890", "+6281234567890"},
		{"E.164", "+6281234567890", "+6281234567890"},
		{"E.164 with spaces", "+62 812-3456-7890", "+6281234567890"},
		{"62 without plus", "6281234567890", "+6281234567890"},
		{"surrounding space", "  081234567890 ", "+6281234567890"},
		{"shortest: 10 digits", "0812345678", "+62812345678"},
		{"longest: 13 digits", "0812345678901", "+62812345678901"},
		{"9 digits", "081234567", ""},
		{"14 digits", "08123456789012", ""},
		{"+62 too long", "+62812345678901 2", ""},
		{"landline Kupang", "0380 821234", ""},
		{"toll-free 0800", "0800 1234 567", ""},
		{"plus with trunk zero", "+081234567890", ""},
		{"other country", "+6012345678", ""},
		{"plus in the middle", "0812+34567890", ""},
		{"two plus signs", "++6281234567890", ""},
		{"letters", "0812-ABCD-7890", ""},
		{"no prefix", "81234567890", ""},
		{"empty", "", ""},
		{"only separators", " - ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Normalize(tt.in)
			if tt.want == "" {
				if !errors.Is(err, ErrInvalid) {
					t.Fatalf("Normalize = %q, %v; want ErrInvalid", got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("Normalize = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	if strings.Contains(ErrInvalid.Error(), "081234567890") {
		t.Fatal("ErrInvalid contains a test number")
	}
}

func TestMaskPhone(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"+6281234567890", "+62 8** **** 7890"},
		{"0812 3456 1234", "+62 8** **** 1234"},
		{"0812345678", "+62 8** **** 5678"},
		{"not a phone 1234", "****"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Mask(tt.in); got != tt.want {
				t.Fatalf("Mask(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzNormalizePhone(f *testing.F) {
	for _, s := range []string{
		"081234567890", "+62 812-3456-7890", "6281234567890", "0800 1234 567",
		"+", "62", "0", "(0812) 3456.7890", "+0812",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := Normalize(s)
		masked := Mask(s)
		if err != nil {
			if s != "" && masked != "****" {
				t.Fatalf("Mask of an invalid number = %q", masked)
			}
			return
		}
		if !strings.HasPrefix(got, "+628") || len(got) < 12 || len(got) > 15 {
			t.Fatalf("Normalize(%q) = %q", s, got)
		}
		if again, err := Normalize(got); err != nil || again != got {
			t.Fatalf("re-normalising %q = %q, %v", got, again, err)
		}
		if masked != "+62 8** **** "+got[len(got)-4:] {
			t.Fatalf("Mask(%q) = %q", s, masked)
		}
	})
}
