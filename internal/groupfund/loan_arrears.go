package groupfund

import (
	"github.com/peduli/peduli/internal/platform/db"
)

// Arrears classes (kolektibilitas) as Indonesian rural banks must classify
// their loans by how late payment is: Peraturan Otoritas Jasa Keuangan
// Nomor 33/POJK.03/2018 tentang Kualitas Aset Produktif dan Pembentukan
// Penyisihan Penghapusan Aset Produktif Bank Perkreditan Rakyat, which
// brought BPRs the five classes of commercial banks:
//
//	lancar                  up to 30 days late
//	dalam perhatian khusus  31 to 90 days
//	kurang lancar           91 to 120 days
//	diragukan               121 to 180 days
//	macet                   more than 180 days
//
// A group fund is not a bank; it borrows the classes because coordinators
// and partners read them the way banks do.
const (
	Lancar               = "lancar"
	DalamPerhatianKhusus = "dalam_perhatian_khusus"
	KurangLancar         = "kurang_lancar"
	Diragukan            = "diragukan"
	Macet                = "macet"
)

// Classes lists the classes from best to worst.
var Classes = []string{Lancar, DalamPerhatianKhusus, KurangLancar, Diragukan, Macet}

// classBounds are the most days late each class allows, in Classes order;
// macet has no bound.
var classBounds = []int{30, 90, 120, 180}

// ClassOf returns the class of a loan daysLate days late.
func ClassOf(daysLate int) string {
	for i, most := range classBounds {
		if daysLate <= most {
			return Classes[i]
		}
	}
	return Macet
}

// standing is a loan's state on a day: what is still owed and how late.
type standing struct {
	Outstanding     int64 // principal not yet repaid
	FeesOwed        int64 // fees of the schedule not yet paid
	PrincipalPaid   int64
	FeesPaid        int64
	DaysLate        int // days since the oldest installment due and not fully paid
	NextDue         *db.Date
	InstallmentsDue int
}

// standOn applies repayments (oldest first, each paying an installment's
// fee and then its principal, in schedule order) made on or before asOf
// and reports the loan's standing on asOf.
func standOn(schedule []Installment, paid []int64, asOf db.Date) standing {
	var total int64
	for _, p := range paid {
		total += p
	}
	var st standing
	for _, in := range schedule {
		feePaid := min(total, in.Fee)
		total -= feePaid
		prinPaid := min(total, in.Principal)
		total -= prinPaid
		st.FeesPaid += feePaid
		st.PrincipalPaid += prinPaid
		st.Outstanding += in.Principal - prinPaid
		st.FeesOwed += in.Fee - feePaid
		settled := feePaid == in.Fee && prinPaid == in.Principal
		if settled {
			continue
		}
		if in.DueOn < asOf {
			st.InstallmentsDue++
			if st.DaysLate == 0 {
				st.DaysLate = daysBetween(in.DueOn, asOf)
			}
		} else if st.NextDue == nil {
			d := in.DueOn
			st.NextDue = &d
		}
	}
	return st
}

// daysBetween counts the days from a to b.
func daysBetween(a, b db.Date) int {
	return int(b.Time().Sub(a.Time()).Hours() / 24)
}
