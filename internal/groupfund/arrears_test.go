package groupfund

import (
	"testing"
	"time"

	"github.com/peduli/peduli/internal/platform/db"
)

// TestArrearsClassesAtDayBoundaries: the class of a loan on the last day
// of each band and the first day of the next, counted from the oldest
// installment not fully paid (POJK 33/POJK.03/2018 bands).
func TestArrearsClassesAtDayBoundaries(t *testing.T) {
	// Rp 3.000.000 over 3 months from 15 January: due 15 Feb, 15 Mar, 15 Apr.
	sched := Schedule(300_000_000, 150, 3, Flat, "2026-01-15")
	first := sched[0].Principal + sched[0].Fee
	plus := func(d db.Date, days int) db.Date {
		return db.CalendarDate(d.Time().Add(time.Duration(days) * 24 * time.Hour))
	}
	for _, c := range []struct {
		name string
		paid []int64
		asOf db.Date
		days int
		want string
	}{
		{"due today", nil, "2026-02-15", 0, Lancar},
		{"before due", nil, "2026-02-14", 0, Lancar},
		{"1 day late", nil, plus("2026-02-15", 1), 1, Lancar},
		{"30 days late", nil, plus("2026-02-15", 30), 30, Lancar},
		{"31 days late", nil, plus("2026-02-15", 31), 31, DalamPerhatianKhusus},
		{"90 days late", nil, plus("2026-02-15", 90), 90, DalamPerhatianKhusus},
		{"91 days late", nil, plus("2026-02-15", 91), 91, KurangLancar},
		{"120 days late", nil, plus("2026-02-15", 120), 120, KurangLancar},
		{"121 days late", nil, plus("2026-02-15", 121), 121, Diragukan},
		{"180 days late", nil, plus("2026-02-15", 180), 180, Diragukan},
		{"181 days late", nil, plus("2026-02-15", 181), 181, Macet},
		{"partial payment still late", []int64{first - 100}, plus("2026-02-15", 31), 31, DalamPerhatianKhusus},
		{"first paid, late from the second", []int64{first}, plus("2026-03-15", 31), 31, DalamPerhatianKhusus},
		{"first paid, second due today", []int64{first}, "2026-03-15", 0, Lancar},
		{"paid early in full", []int64{first * 3}, "2026-12-31", 0, Lancar},
	} {
		t.Run(c.name, func(t *testing.T) {
			st := standOn(sched, c.paid, c.asOf)
			if st.DaysLate != c.days || ClassOf(st.DaysLate) != c.want {
				t.Fatalf("%s: %d days late (%s), want %d (%s)", c.asOf, st.DaysLate, ClassOf(st.DaysLate), c.days, c.want)
			}
		})
	}
}

// TestSchedules: flat fees on the principal, declining fees on what is
// owed, whole Rupiah with the remainder in the last month, due on the same
// day of each month or the month's last day.
func TestSchedules(t *testing.T) {
	flat := Schedule(300_000_000, 150, 10, Flat, "2026-01-31")
	dec := Schedule(300_000_000, 150, 10, Declining, "2026-01-31")
	var pf, pd int64
	for i := range flat {
		pf += flat[i].Principal
		pd += dec[i].Principal
		if flat[i].Fee != 4_500_000 {
			t.Fatalf("flat fee %d = %d", i+1, flat[i].Fee)
		}
	}
	if pf != 300_000_000 || pd != 300_000_000 {
		t.Fatalf("principal sums %d, %d", pf, pd)
	}
	if dec[0].Fee != 4_500_000 || dec[1].Fee != 4_050_000 || dec[9].Fee != 450_000 {
		t.Fatalf("declining fees %d %d … %d", dec[0].Fee, dec[1].Fee, dec[9].Fee)
	}
	if flat[0].DueOn != "2026-02-28" || flat[1].DueOn != "2026-03-31" || flat[2].DueOn != "2026-04-30" {
		t.Fatalf("due days %s %s %s", flat[0].DueOn, flat[1].DueOn, flat[2].DueOn)
	}
	odd := Schedule(100_000_000, 0, 3, Flat, "2026-01-05") // Rp 1.000.000 / 3
	if odd[0].Principal != 33_333_300 || odd[2].Principal != 100_000_000-2*33_333_300 {
		t.Fatalf("odd split %+v", odd)
	}
}

// TestRescheduledSchedule: what the repayments settled stays (a partly
// paid installment shrinks to what was paid), the rest of the principal is
// spread over the new term from the reschedule's day, and a loan paid up
// to that day is not late on it.
func TestRescheduledSchedule(t *testing.T) {
	sched := Schedule(300_000_000, 150, 3, Flat, "2026-01-15")
	first := sched[0].Principal + sched[0].Fee
	paid := first + 1_000_000 // the first installment and part of the second's fee
	r := Reschedule{EffectiveOn: "2026-05-20", TermMonths: 4}
	got := rescheduled(sched, paid, r, 150, Flat)
	if len(got) != 6 || got[0] != (Installment{No: 1, DueOn: sched[0].DueOn, Principal: sched[0].Principal, Fee: sched[0].Fee}) ||
		got[1].Fee != 1_000_000 || got[1].Principal != 0 || got[2].DueOn != "2026-06-20" || got[5].DueOn != "2026-09-20" {
		t.Fatalf("rescheduled = %+v", got)
	}
	var principal int64
	for _, in := range got {
		principal += in.Principal
	}
	if principal != 300_000_000 || got[2].Fee != fee(200_000_000, 150) {
		t.Fatalf("principal %d, new fee %d", principal, got[2].Fee)
	}
	if st := standOn(got, []int64{paid}, "2026-05-20"); st.DaysLate != 0 || st.Outstanding != 200_000_000 {
		t.Fatalf("standing on the day = %+v", st)
	}
	if st := standOn(got, []int64{paid}, "2026-07-21"); st.DaysLate != 31 || ClassOf(st.DaysLate) != DalamPerhatianKhusus {
		t.Fatalf("standing after a missed new installment = %+v", st)
	}
}
