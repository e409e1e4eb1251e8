package registry

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// testToday is a fixed "today" in Kupang (WITA, UTC+8) so century choices do
// not drift as the calendar moves.
var testToday = time.Date(2026, time.March, 10, 9, 0, 0, 0, time.FixedZone("WITA", 8*3600))

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestParseNIK(t *testing.T) {
	tests := []struct {
		name       string
		in         string
		today      time.Time
		wantErr    error
		wantDigits string
		wantBirth  time.Time
		wantFemale bool
	}{
		{"woman, Kupang Tengah", "5301084107850001", testToday, nil, "5301084107850001", date(1985, time.July, 1), true},
		{"with spaces", "530108 410785 0001", testToday, nil, "5301084107850001", date(1985, time.July, 1), true},
		{"with dots and dashes", "53.01.08-410785-0001", testToday, nil, "5301084107850001", date(1985, time.July, 1), true},
		{"man", "3171011203900002", testToday, nil, "3171011203900002", date(1990, time.March, 12), false},
		{"woman day 71", "5371017112990003", testToday, nil, "5371017112990003", date(1999, time.December, 31), true},
		{"born this century", "5301084501100004", testToday, nil, "5301084501100004", date(2010, time.January, 5), true},
		{"born today is not future", "5301081003260005", testToday, nil, "5301081003260005", date(2026, time.March, 10), false},
		{"tomorrow in 2026 means 1926", "5301081103260005", testToday, nil, "5301081103260005", date(1926, time.March, 11), false},
		{"29 Feb 2000", "5301082902000006", testToday, nil, "5301082902000006", date(2000, time.February, 29), false},
		{"29 Feb 1900 does not exist", "5301082902000006", date(1999, time.January, 1), ErrIDBirthDate, "", time.Time{}, false},
		{"29 Feb 2001 does not exist", "5301082902010006", testToday, ErrIDBirthDate, "", time.Time{}, false},
		{"31 April", "5301083104900001", testToday, ErrIDBirthDate, "", time.Time{}, false},
		{"day 00", "5301080001900001", testToday, ErrIDBirthDate, "", time.Time{}, false},
		{"day 32", "5301083201900001", testToday, ErrIDBirthDate, "", time.Time{}, false},
		{"day 40", "5301084001900001", testToday, ErrIDBirthDate, "", time.Time{}, false},
		{"day 72", "5301087201900001", testToday, ErrIDBirthDate, "", time.Time{}, false},
		{"month 00", "5301081000900001", testToday, ErrIDBirthDate, "", time.Time{}, false},
		{"month 13", "5301081013900001", testToday, ErrIDBirthDate, "", time.Time{}, false},
		{"15 digits", "530108410785001", testToday, ErrIDDigits, "", time.Time{}, false},
		{"17 digits", "53010841078500011", testToday, ErrIDDigits, "", time.Time{}, false},
		{"letter", "53010841078500O1", testToday, ErrIDDigits, "", time.Time{}, false},
		{"slash", "530108/4107850001", testToday, ErrIDDigits, "", time.Time{}, false},
		{"non-ASCII digit", "530108410785000١", testToday, ErrIDDigits, "", time.Time{}, false},
		{"empty", "", testToday, ErrIDDigits, "", time.Time{}, false},
		{"all zeros", "0000000000000000", testToday, ErrIDProvince, "", time.Time{}, false},
		{"province 20", "2001084107850001", testToday, ErrIDProvince, "", time.Time{}, false},
		{"province 54 (no longer exists)", "5401084107850001", testToday, ErrIDProvince, "", time.Time{}, false},
		{"province 97", "9701084107850001", testToday, ErrIDProvince, "", time.Time{}, false},
		{"province 96 Papua Barat Daya", "9601084107850001", testToday, nil, "9601084107850001", date(1985, time.July, 1), true},
		{"province 65 Kalimantan Utara", "6501084107850001", testToday, nil, "6501084107850001", date(1985, time.July, 1), true},
		{"regency 00", "5300084107850001", testToday, ErrIDRegency, "", time.Time{}, false},
		{"serial 0000", "5301084107850000", testToday, ErrIDSerial, "", time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseNIK(tt.in, tt.today)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				if tt.in != "" && strings.Contains(err.Error(), tt.in) {
					t.Fatalf("error message contains the number")
				}
				return
			}
			if got.Digits != tt.wantDigits || !got.BirthDate.Equal(tt.wantBirth) || got.Female != tt.wantFemale {
				t.Fatalf("got %s %v female=%v, want %s %v female=%v",
					got.Digits, got.BirthDate, got.Female, tt.wantDigits, tt.wantBirth, tt.wantFemale)
			}
		})
	}
}

func TestNIKDisplay(t *testing.T) {
	n, err := ParseNIK("5301084107850001", testToday)
	if err != nil {
		t.Fatal(err)
	}
	var logged strings.Builder
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("x", "nik", n)

	tests := []struct {
		name string
		got  string
		want string
	}{
		{"Masked", n.Masked(), "5301********0001"},
		{"RegionCode", n.RegionCode(), "53.01.08"},
		{"String", fmt.Sprint(n), "5301********0001"},
		{"%+v", fmt.Sprintf("%+v", n), "5301********0001"},
		{"%#v", fmt.Sprintf("%#v", n), "registry.NIK(5301********0001)"},
		{"MaskNIK of a short value", MaskNIK("1234"), "****************"},
		{"zero NIK RegionCode", NIK{}.RegionCode(), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Fatalf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
	if strings.Contains(logged.String(), n.Digits) {
		t.Fatalf("slog output contains the whole NIK: %s", logged.String())
	}
}

func TestParseKK(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string
		wantErr error
	}{
		{"plain", "5301080101100003", "5301080101100003", nil},
		{"separators", "5301 0801 0110 0003", "5301080101100003", nil},
		{"dashes", "5301-0801-0110-0003", "5301080101100003", nil},
		{"all zeros", "0000000000000000", "", ErrIDProvince},
		{"unknown province", "9901080101100003", "", ErrIDProvince},
		{"short", "530108010110000", "", ErrIDDigits},
		{"long", "53010801011000031", "", ErrIDDigits},
		{"letters", "5301O80101100003", "", ErrIDDigits},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseKK(tt.in)
			if !errors.Is(err, tt.wantErr) || got != tt.want {
				t.Fatalf("ParseKK = %q, %v; want %q, %v", got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func FuzzParseNIK(f *testing.F) {
	for _, s := range []string{
		"5301084107850001", "530108 410785 0001", "53.01.08-410785-0001",
		"5301082902000006", "0000000000000000", "", "٣", "53010841078500011",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseNIK(s, testToday)
		if err != nil {
			return
		}
		again, err := ParseNIK(n.Digits, testToday)
		if err != nil || again.Digits != n.Digits || !again.BirthDate.Equal(n.BirthDate) || again.Female != n.Female {
			t.Fatalf("re-parse of %q = %q %v %v, %v", n.Digits, again.Digits, again.BirthDate, again.Female, err)
		}
		if n.BirthDate.After(date(2026, time.March, 10)) {
			t.Fatalf("birth date %v is in the future", n.BirthDate)
		}
		m := n.Masked()
		if len(m) != 16 || m[4:12] != "********" || m[:4] != n.Digits[:4] || m[12:] != n.Digits[12:] {
			t.Fatalf("Masked = %q", m)
		}
	})
}
