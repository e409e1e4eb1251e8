package groupfund

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/groupfund"
	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/programs"
	"github.com/peduli/peduli/internal/tenancy"
	"github.com/peduli/peduli/internal/web"
)

// sheetData is the meeting sheet: a programme's members, one card each.
// Without a programme it lists the active ones to choose from.
type sheetData struct {
	Programs []programs.ProgramView
	P        *programs.ProgramView
	Rows     []sheetRow
}

// sheetRow is one member's card and the names of its inputs.
type sheetRow struct {
	BeneficiaryID string
	Name          string
	Present       string
	Wajib         string
	Sukarela      string
	Arisan        string
	// ArisanDue is her running round's contribution; 0 hides the arisan
	// cell (she is in no round, so the sheet could only refuse it). It is
	// not prefilled, so nobody pays by accident.
	ArisanDue int64
	Loans     []loanCell
}

// loanCell is the repayment input of one open loan.
type loanCell struct {
	Field     string
	LoanID    string
	ReceiptNo string
	Next      int64
}

// MeetingNew shows the sheet (GET /t/{slug}/meetings/new?program_id=).
func (h *Handlers) MeetingNew(c *fiber.Ctx) error {
	today := string(clock.Today(h.Fund.Now(), clock.Zone))
	d, err := h.sheet(c, c.Query("program_id"), db.Date(today))
	if err != nil {
		return err
	}
	return h.Pages.RenderForm(c, http.StatusOK, "groupfund/meeting", web.NewForm("held_on", today), d)
}

func (h *Handlers) sheet(c *fiber.Ctx, programID string, day db.Date) (*sheetData, error) {
	ctx, scope := c.UserContext(), h.Tenancy.ScopeOf(c)
	d := &sheetData{}
	if programID == "" {
		all, err := h.Programs.Programs(ctx, scope)
		if err != nil {
			return nil, err
		}
		for _, p := range all {
			if p.Status == programs.StatusActive {
				d.Programs = append(d.Programs, p)
			}
		}
		return d, nil
	}
	p, err := h.Programs.Program(ctx, scope, programID)
	if err != nil {
		return nil, err
	}
	members, err := h.Programs.Members(ctx, scope, p.ID)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(members))
	for i, m := range members {
		ids[i] = m.BeneficiaryID
	}
	loans, err := h.Fund.OpenLoans(ctx, scope, tenancy.ActorOf(c), ids, day)
	if err != nil {
		return nil, err
	}
	due, err := h.Fund.ArisanDue(ctx, scope, ids, day)
	if err != nil {
		return nil, err
	}
	d.P = p
	for _, m := range members {
		b := m.BeneficiaryID
		r := sheetRow{BeneficiaryID: b, Name: m.Name, Present: "present." + b, Wajib: "wajib." + b,
			Sukarela: "sukarela." + b, Arisan: "arisan." + b, ArisanDue: due[b]}
		for _, l := range loans[b] {
			r.Loans = append(r.Loans, loanCell{Field: "loan." + l.LoanID, LoanID: l.LoanID, ReceiptNo: l.ReceiptNo, Next: l.Next})
		}
		d.Rows = append(d.Rows, r)
	}
	return d, nil
}

// MeetingCreate saves the sheet in one transaction (POST /t/{slug}/meetings)
// and shows the receipts; a bad cell re-shows the sheet with its message
// and every typed value, and nothing is saved.
func (h *Handlers) MeetingCreate(c *fiber.Ctx) error {
	heldOn := c.FormValue("held_on")
	day, ok := db.ParseDate(heldOn)
	if !ok {
		day = clock.Today(h.Fund.Now(), clock.Zone)
	}
	d, err := h.sheet(c, c.FormValue("program_id"), day)
	if err != nil {
		return err
	}
	if d.P == nil {
		return errs.ErrNotFound
	}
	names := []string{"held_on"}
	for _, r := range d.Rows {
		names = append(names, r.Present, r.Wajib, r.Sukarela, r.Arisan)
		for _, l := range r.Loans {
			names = append(names, l.Field)
		}
	}
	f := web.ParseForm(c, names...)
	in := groupfund.MeetingInput{HeldOn: heldOn, ProgramID: d.P.ID}
	fields := map[string]string{"held_on": "held_on"} // the service's field → the form's
	money := func(field string) int64 {               // blank is nothing paid
		v := f.OptionalRupiah(field)
		if v == nil {
			return 0
		}
		if *v <= 0 {
			f.Invalid(field, "amount")
			return 0
		}
		return *v
	}
	for _, r := range d.Rows {
		i := len(in.Lines)
		p := fmt.Sprintf("lines[%d].", i)
		line := groupfund.MeetingLine{BeneficiaryID: r.BeneficiaryID, Present: f.Get(r.Present) != ""}
		fields[p+"beneficiary_id"] = r.Present
		for _, k := range []struct{ kind, field string }{{groupfund.Wajib, r.Wajib}, {groupfund.Sukarela, r.Sukarela}} {
			if v := money(k.field); v > 0 {
				fields[fmt.Sprintf("%sdeposits[%d].amount", p, len(line.Deposits))] = k.field
				fields[fmt.Sprintf("%sdeposits[%d].kind", p, len(line.Deposits))] = k.field
				line.Deposits = append(line.Deposits, groupfund.LineDeposit{Kind: k.kind, Amount: v})
			}
		}
		for _, l := range r.Loans {
			if v := money(l.Field); v > 0 {
				fields[fmt.Sprintf("%srepayments[%d].amount", p, len(line.Repayments))] = l.Field
				fields[fmt.Sprintf("%srepayments[%d].loan_id", p, len(line.Repayments))] = l.Field
				line.Repayments = append(line.Repayments, groupfund.LineRepayment{LoanID: l.LoanID, Amount: v})
			}
		}
		line.Arisan = money(r.Arisan)
		fields[p+"arisan"] = r.Arisan
		in.Lines = append(in.Lines, line)
	}
	if f.OK() {
		m, err := h.Fund.RecordMeeting(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), in)
		if err == nil {
			return h.Pages.Redirect(c, path(c, "/meetings/"+m.ID), "groupfund.meeting_saved")
		}
		if !f.Fail(onForm(err, fields), nil) {
			return err
		}
	}
	return h.Pages.RenderForm(c, http.StatusUnprocessableEntity, "groupfund/meeting", f, d)
}

// onForm renames a service's field errors to the sheet's input names.
func onForm(err error, fields map[string]string) error {
	var ve *errs.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	out := &errs.ValidationError{}
	for _, fe := range ve.Fields {
		if name, ok := fields[fe.Field]; ok {
			fe.Field = name
		}
		out.Fields = append(out.Fields, fe)
	}
	return out
}

// MeetingShow shows a recorded meeting's receipts (GET /t/{slug}/meetings/{id}).
func (h *Handlers) MeetingShow(c *fiber.Ctx) error {
	ctx, scope := c.UserContext(), h.Tenancy.ScopeOf(c)
	m, err := h.Fund.Meeting(ctx, scope, tenancy.ActorOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	names := map[string]string{}
	if members, err := h.Programs.Members(ctx, scope, m.ProgramID); err == nil {
		for _, x := range members {
			names[x.BeneficiaryID] = x.Name
		}
	} else {
		return err
	}
	type row struct {
		Name string
		groupfund.MeetingLineView
	}
	rows := make([]row, len(m.Lines))
	for i, l := range m.Lines {
		rows[i] = row{Name: names[l.BeneficiaryID], MeetingLineView: l}
	}
	return h.Pages.Render(c, "groupfund/meeting_show", map[string]any{"M": m, "Rows": rows, "Count": strconv.Itoa(len(rows))})
}
