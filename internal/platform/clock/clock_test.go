package clock_test

import (
	"testing"
	"time"

	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/platform/db"
)

func TestTodayAtTheDayBoundary(t *testing.T) {
	t.Parallel()
	cases := []struct {
		utc   string
		day   db.Date
		month string
	}{
		{"2026-03-05T15:59:59Z", "2026-03-05", "2026-03"}, // 23:59:59 WITA
		{"2026-03-05T16:00:00Z", "2026-03-06", "2026-03"}, // midnight WITA
		{"2026-03-05T23:30:00Z", "2026-03-06", "2026-03"}, // 07:30 the next morning in Kupang
		{"2026-03-31T16:30:00Z", "2026-04-01", "2026-04"}, // a new month begins in WITA first
		{"2026-12-31T16:00:00Z", "2027-01-01", "2027-01"}, // and a new year
		{"2026-03-05T00:00:00Z", "2026-03-05", "2026-03"},
	}
	for _, c := range cases {
		now, err := time.Parse(time.RFC3339, c.utc)
		if err != nil {
			t.Fatal(err)
		}
		if got := clock.Today(now, clock.Zone); got != c.day {
			t.Errorf("Today(%s) = %s, want %s", c.utc, got, c.day)
		}
		if got := clock.Month(now, clock.Zone); got != c.month {
			t.Errorf("Month(%s) = %s, want %s", c.utc, got, c.month)
		}
	}
}

func TestZoneIsWITA(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 3, 5, 6, 30, 0, 0, time.UTC).In(clock.Zone)
	if name, offset := at.Zone(); name != "WITA" || offset != 8*3600 {
		t.Fatalf("zone = %s %+d, want WITA +28800", name, offset)
	}
}

func TestTodayInAnotherZone(t *testing.T) {
	t.Parallel()
	jayapura, err := time.LoadLocation("Asia/Jayapura") // WIT, UTC+9
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 5, 15, 30, 0, 0, time.UTC) // 23:30 WITA, 00:30 WIT
	if got := clock.Today(now, jayapura); got != "2026-03-06" {
		t.Fatalf("Today in WIT = %s, want 2026-03-06", got)
	}
	if got := clock.Today(now, clock.Zone); got != "2026-03-05" {
		t.Fatalf("Today in WITA = %s, want 2026-03-05", got)
	}
}
