package groupfund

import (
	"context"
	"sort"

	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
)

// Meeting reads back a recorded meeting: each member's money and receipts
// (an audited read of their amounts). Presence is the programme's
// attendance and is not repeated here.
func (s *Service) Meeting(ctx context.Context, scope db.Scope, actor audit.Actor, id string) (*MeetingView, error) {
	if !db.ValidID(id) {
		return nil, errs.ErrNotFound
	}
	var out *MeetingView
	err := scope.Write(ctx, func(t *db.Tenant) error {
		var m meeting
		if err := t.DB().Where("tenant_id = ? AND id = ?", t.ID, id).Take(&m).Error; db.IsNotFound(err) {
			return errs.ErrNotFound
		} else if err != nil {
			return err
		}
		out = &MeetingView{ID: m.ID, HeldOn: m.HeldOn, ProgramID: m.ProgramID, ActivityID: m.ActivityID, Lines: []MeetingLineView{}}
		ids := func(kind string) *gorm.DB {
			return t.DB().Model(&meetingItem{}).Select("item_id").Where("tenant_id = ? AND meeting_id = ? AND item_kind = ?", t.ID, id, kind)
		}
		lines := map[string]*MeetingLineView{}
		line := func(b string) *MeetingLineView {
			if lines[b] == nil {
				lines[b] = &MeetingLineView{BeneficiaryID: b, Receipts: []string{}}
			}
			return lines[b]
		}
		var sv []SavingsTx
		if err := t.DB().Where("tenant_id = ? AND id IN (?)", t.ID, ids("savings")).Order("receipt_no").Find(&sv).Error; err != nil {
			return err
		}
		for _, x := range sv {
			v, ok, err := s.openAmount(t, x.AmountSealed, x.KeyVersion, savingsAAD(x.ID))
			if err != nil {
				return err
			}
			l := line(x.BeneficiaryID)
			if ok {
				l.Deposits += v
			}
			l.Receipts = append(l.Receipts, x.ReceiptNo)
		}
		var reps []struct {
			Repayment
			BeneficiaryID string
		}
		if err := t.DB().Table("loan_repayments AS r").Select("r.*, l.beneficiary_id").
			Joins("JOIN loans l ON l.tenant_id = r.tenant_id AND l.id = r.loan_id").
			Where("r.tenant_id = ? AND r.id IN (?)", t.ID, ids("repayment")).Order("r.receipt_no").Scan(&reps).Error; err != nil {
			return err
		}
		for _, r := range reps {
			v, ok, err := s.openAmount(t, r.AmountSealed, r.KeyVersion, repaymentAAD(r.ID))
			if err != nil {
				return err
			}
			l := line(r.BeneficiaryID)
			if ok {
				l.Repayments += v
			}
			l.Receipts = append(l.Receipts, r.ReceiptNo)
		}
		var ar []ArisanContribution
		if err := t.DB().Where("tenant_id = ? AND id IN (?)", t.ID, ids("arisan")).Order("receipt_no").Find(&ar).Error; err != nil {
			return err
		}
		for _, c := range ar {
			v, ok, err := s.openAmount(t, c.AmountSealed, c.KeyVersion, arisanAAD(c.ID))
			if err != nil {
				return err
			}
			l := line(c.BeneficiaryID)
			if ok {
				l.Arisan += v
			}
			l.Receipts = append(l.Receipts, c.ReceiptNo)
		}
		for _, l := range lines {
			out.Totals.Deposits += l.Deposits
			out.Totals.Repayments += l.Repayments
			out.Totals.Arisan += l.Arisan
			out.Lines = append(out.Lines, *l)
		}
		out.Totals.Cash = out.Totals.Deposits + out.Totals.Repayments + out.Totals.Arisan
		sort.Slice(out.Lines, func(i, j int) bool { return out.Lines[i].BeneficiaryID < out.Lines[j].BeneficiaryID })
		return audit.Record(t, actor, audit.ReadPersonal, "meeting", id, "savings", "loans", "arisan")
	})
	return out, err
}

// LoanDue is a member's open loan as the meeting sheet offers it: its
// receipt number and the next installment (fee and principal) due.
type LoanDue struct {
	LoanID    string
	ReceiptNo string
	Next      int64
}

// OpenLoans lists the open loans of the given members with their next
// installment on day, for the meeting sheet: an audited read of each
// borrower's amounts.
func (s *Service) OpenLoans(ctx context.Context, scope db.Scope, actor audit.Actor, beneficiaryIDs []string, day db.Date) (map[string][]LoanDue, error) {
	out := map[string][]LoanDue{}
	if len(beneficiaryIDs) == 0 {
		return out, nil
	}
	err := scope.Write(ctx, func(t *db.Tenant) error {
		loans, err := s.liveLoans(t, t.DB().Where("tenant_id = ? AND beneficiary_id IN ?", t.ID, beneficiaryIDs).Order("disbursed_on, receipt_no"))
		if err != nil {
			return err
		}
		for _, l := range loans {
			reps := l.reps
			var paid []int64
			for _, r := range reps {
				paid = append(paid, r.Amount)
			}
			sched := l.Schedule()
			st := standOn(sched, paid, day)
			if st.Outstanding+st.FeesOwed == 0 {
				continue
			}
			// What is due by the day (arrears) or else the next installment.
			var due int64
			for _, in := range sched {
				if in.DueOn <= day {
					due += in.Principal + in.Fee
				}
			}
			due -= st.FeesPaid + st.PrincipalPaid
			if due <= 0 {
				for _, in := range sched {
					if in.DueOn > day {
						due = in.Principal + in.Fee
						break
					}
				}
			}
			due = min(due, st.Outstanding+st.FeesOwed)
			out[l.BeneficiaryID] = append(out[l.BeneficiaryID], LoanDue{LoanID: l.ID, ReceiptNo: l.ReceiptNo, Next: due})
			if err := audit.Record(t, actor, audit.ReadPersonal, "beneficiary", l.BeneficiaryID, "loans"); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}
