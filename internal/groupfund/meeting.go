package groupfund

import (
	"context"
	"fmt"
	"time"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
	"github.com/peduli/peduli/internal/registry"
)

// Attendance records a meeting's attendance as a program activity inside
// the meeting's transaction. The programs feature implements it; the app
// wires it, so groupfund does not import programs.
type Attendance interface {
	MeetingIn(t *db.Tenant, actor audit.Actor, programID string, heldOn db.Date, members, present []string) (activityID string, notEnrolled []string, err error)
}

// MaxMeetingLines bounds one sheet: a KUBE has 5–20 households, a large
// group a few dozen members.
const MaxMeetingLines = 100

// MeetingInput is the body of POST …/meetings: one line per member.
type MeetingInput struct {
	HeldOn    string        `json:"held_on" validate:"required,max=10"`
	ProgramID string        `json:"program_id" validate:"required,max=36"`
	Lines     []MeetingLine `json:"lines" validate:"required,min=1,max=100,dive"`
}

// MeetingLine is one member's line on the sheet.
type MeetingLine struct {
	BeneficiaryID string          `json:"beneficiary_id" validate:"required,max=36"`
	Present       bool            `json:"present"`
	Deposits      []LineDeposit   `json:"deposits" validate:"max=3,dive"`
	Repayments    []LineRepayment `json:"repayments" validate:"max=10,dive"`
	Arisan        int64           `json:"arisan" validate:"gte=0,lte=1000000000000000"`
}

// LineDeposit is a savings deposit on a meeting line.
type LineDeposit struct {
	Kind   string `json:"kind" validate:"required,max=20"`
	Amount int64  `json:"amount" validate:"required,gt=0,lte=1000000000000000"`
}

// LineRepayment is a loan repayment on a meeting line.
type LineRepayment struct {
	LoanID string `json:"loan_id" validate:"required,max=36"`
	Amount int64  `json:"amount" validate:"required,gt=0,lte=1000000000000000"`
}

// MeetingView is a recorded meeting with each member's receipts.
type MeetingView struct {
	ID           string            `json:"id"`
	HeldOn       db.Date           `json:"held_on"`
	ProgramID    string            `json:"program_id"`
	ActivityID   string            `json:"activity_id"`
	PresentCount int               `json:"present_count"`
	Lines        []MeetingLineView `json:"lines"`
	Totals       MeetingTotals     `json:"totals"`
}

// MeetingLineView is one member's part of a recorded meeting.
type MeetingLineView struct {
	BeneficiaryID string   `json:"beneficiary_id"`
	Present       bool     `json:"present"`
	Deposits      int64    `json:"deposits"`
	Repayments    int64    `json:"repayments"`
	Arisan        int64    `json:"arisan"`
	Receipts      []string `json:"receipts"`
}

// MeetingTotals are the meeting's money in, by purpose.
type MeetingTotals struct {
	Deposits   int64 `json:"deposits"`
	Repayments int64 `json:"repayments"`
	Arisan     int64 `json:"arisan"`
	Cash       int64 `json:"cash"`
}

// meeting is one row of meetings; meetingItem one of meeting_items.
type meeting struct {
	TenantID   string `gorm:"primaryKey"`
	ID         string `gorm:"primaryKey"`
	HeldOn     db.Date
	ProgramID  string
	ActivityID string
	CreatedBy  *string
	CreatedAt  time.Time
}

func (meeting) TableName() string { return "meetings" }

type meetingItem struct {
	TenantID  string `gorm:"primaryKey"`
	MeetingID string `gorm:"primaryKey"`
	ItemKind  string `gorm:"primaryKey"`
	ItemID    string `gorm:"primaryKey"`
}

func (meetingItem) TableName() string { return "meeting_items" }

// RecordMeeting saves a whole meeting sheet in one transaction: the
// attendance and every member's deposits, repayments and arisan
// contribution, each with its receipt. Any bad line refuses the whole
// sheet with a 422 naming the line's field, and nothing is saved.
func (s *Service) RecordMeeting(ctx context.Context, scope db.Scope, actor audit.Actor, in MeetingInput) (*MeetingView, error) {
	if err := httpx.Validate(in); err != nil {
		return nil, err
	}
	heldOn, err := s.payDay("held_on", in.HeldOn)
	if err != nil {
		return nil, err
	}
	if err := checkLines(in.Lines); err != nil {
		return nil, err
	}
	if s.Attendance == nil {
		return nil, fmt.Errorf("groupfund: no attendance recorder wired")
	}
	var out *MeetingView
	err = s.moneyWrite(ctx, scope, func(t *db.Tenant, key registry.Key) error {
		out, err = s.meetingIn(t, key, actor, in, heldOn)
		return err
	})
	return out, err
}

// checkLines refuses repeated members and unknown kinds before anything
// is read, naming every bad field.
func checkLines(lines []MeetingLine) error {
	v := &errs.ValidationError{}
	seen := map[string]bool{}
	for i, l := range lines {
		p := fmt.Sprintf("lines[%d].", i)
		if !db.ValidID(l.BeneficiaryID) {
			v.Add(p+"beneficiary_id", "exists", "must be a member of this group")
		} else if seen[l.BeneficiaryID] {
			v.Add(p+"beneficiary_id", "unique", "the member is on the sheet twice")
		}
		seen[l.BeneficiaryID] = true
		kinds := map[string]bool{}
		for j, d := range l.Deposits {
			if _, ok := savingsAccount[d.Kind]; !ok {
				v.Add(fmt.Sprintf("%sdeposits[%d].kind", p, j), "oneof", "must be pokok, wajib or sukarela")
			} else if kinds[d.Kind] {
				v.Add(fmt.Sprintf("%sdeposits[%d].kind", p, j), "unique", "one deposit of each kind per line")
			}
			kinds[d.Kind] = true
		}
		for j, r := range l.Repayments {
			if !db.ValidID(r.LoanID) {
				v.Add(fmt.Sprintf("%srepayments[%d].loan_id", p, j), "exists", "must be a loan of this member")
			}
		}
	}
	return v.Err()
}

func (s *Service) meetingIn(t *db.Tenant, key registry.Key, actor audit.Actor, in MeetingInput, heldOn db.Date) (*MeetingView, error) {
	members := make([]string, len(in.Lines))
	var present []string
	for i, l := range in.Lines {
		members[i] = l.BeneficiaryID
		if l.Present {
			present = append(present, l.BeneficiaryID)
		}
	}
	activityID, notEnrolled, err := s.Attendance.MeetingIn(t, actor, in.ProgramID, heldOn, members, present)
	if err != nil {
		return nil, err
	}
	if len(notEnrolled) > 0 {
		v := &errs.ValidationError{}
		bad := map[string]bool{}
		for _, id := range notEnrolled {
			bad[id] = true
		}
		for i, id := range members {
			if bad[id] {
				v.Add(fmt.Sprintf("lines[%d].beneficiary_id", i), "enrolled", "is not a member of this program")
			}
		}
		return nil, v
	}
	m := &meeting{TenantID: t.ID, ID: db.NewID(), HeldOn: heldOn, ProgramID: in.ProgramID, ActivityID: activityID, CreatedAt: s.Now()}
	if actor.UserID != "" {
		m.CreatedBy = &actor.UserID
	}
	if err := t.DB().Create(m).Error; err != nil {
		return nil, fmt.Errorf("groupfund: meeting: %w", err)
	}
	out := &MeetingView{ID: m.ID, HeldOn: heldOn, ProgramID: in.ProgramID, ActivityID: activityID,
		PresentCount: len(present), Lines: make([]MeetingLineView, 0, len(in.Lines))}
	var items []meetingItem
	item := func(kind, id string) {
		items = append(items, meetingItem{TenantID: t.ID, MeetingID: m.ID, ItemKind: kind, ItemID: id})
	}
	for i, l := range in.Lines {
		p := fmt.Sprintf("lines[%d].", i)
		lv := MeetingLineView{BeneficiaryID: l.BeneficiaryID, Present: l.Present, Receipts: []string{}}
		for j, d := range l.Deposits {
			x, err := s.savingsIn(t, key, actor, l.BeneficiaryID, d.Kind, Deposit, d.Amount, heldOn, p+"beneficiary_id", fmt.Sprintf("%sdeposits[%d].", p, j))
			if err != nil {
				return nil, err
			}
			lv.Deposits += d.Amount
			lv.Receipts = append(lv.Receipts, x.ReceiptNo)
			item("savings", x.ID)
		}
		for j, r := range l.Repayments {
			rp := fmt.Sprintf("%srepayments[%d].", p, j)
			loan, err := findLoan(t, r.LoanID)
			if err != nil || loan.BeneficiaryID != l.BeneficiaryID {
				return nil, errs.Invalid(rp+"loan_id", "exists", "must be a loan of this member")
			}
			x, err := s.repayIn(t, key, actor, loan, r.Amount, heldOn, rp+"amount", "held_on")
			if err != nil {
				return nil, err
			}
			lv.Repayments += r.Amount
			lv.Receipts = append(lv.Receipts, x.ReceiptNo)
			item("repayment", x.ID)
		}
		if l.Arisan > 0 {
			c, err := s.arisanIn(t, key, actor, l.BeneficiaryID, l.Arisan, heldOn, p+"arisan")
			if err != nil {
				return nil, err
			}
			lv.Arisan = l.Arisan
			lv.Receipts = append(lv.Receipts, c.ReceiptNo)
			item("arisan", c.ID)
		}
		out.Totals.Deposits += lv.Deposits
		out.Totals.Repayments += lv.Repayments
		out.Totals.Arisan += lv.Arisan
		out.Lines = append(out.Lines, lv)
	}
	out.Totals.Cash = out.Totals.Deposits + out.Totals.Repayments + out.Totals.Arisan
	if len(items) > 0 {
		if err := t.DB().CreateInBatches(items, 200).Error; err != nil {
			return nil, fmt.Errorf("groupfund: meeting items: %w", err)
		}
	}
	return out, audit.Record(t, actor, audit.Create, "meeting", m.ID, "held_on", "program_id", "lines")
}
