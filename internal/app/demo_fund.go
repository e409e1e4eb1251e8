package app

import (
	"context"
	"fmt"
	"time"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/enterprises"
	"github.com/peduli/peduli/internal/groupfund"
	"github.com/peduli/peduli/internal/programs"
	"github.com/peduli/peduli/internal/registry"
)

// demoMembers are the weaving KUBE of the demo group.
var demoMembers = []string{"Yuliana Tefa", "Maria Bria", "Dorkas Nitbani", "Agustina Lado", "Yohana Kase", "Ester Neno"}

// demoFund gives the demo group a weaving KUBE with its money on a first
// run: six members in the ikat programme with their enterprises and three
// months of books, savings, four monthly meetings, a finished arisan round
// and two loans, one repaid on time and one in arrears. Dates follow the
// clock, so the arrears stay arrears. It does nothing when the group
// already holds savings.
func (a *App) demoFund(ctx context.Context, tenantID, ownerID string) error {
	scope, actor := a.DB.Scope(tenantID), audit.Actor{UserID: ownerID}
	held, err := a.GroupFund.GroupSavings(ctx, scope)
	if err != nil || held.Total > 0 {
		return err
	}
	now := a.Programs.Now().UTC()
	base := time.Date(now.Year(), now.Month(), 5, 0, 0, 0, 0, time.UTC).AddDate(0, -6, 0)
	day := func(months int) string { return base.AddDate(0, months, 0).Format(time.DateOnly) }
	prog, err := a.Programs.CreateProgram(ctx, scope, actor, programs.ProgramInput{TemplateKey: "tenun-ikat", StartsOn: day(0)})
	if err != nil {
		return fmt.Errorf("demo programme: %w", err)
	}
	consent := &registry.ConsentInput{Purposes: []string{"services", "reporting"}}
	village, married, birth := "Penfui Timur", "married", "1984-03-12"
	ids := make([]string, len(demoMembers))
	for i, name := range demoMembers {
		// A made-up NIK (serial 9001 on) of a woman of Kupang Tengah born
		// on birth: the registry requires one.
		nik := fmt.Sprintf("530108520384%04d", 9001+i)
		v, err := a.Registry.Create(ctx, scope, actor, registry.Input{Name: &name, NIK: &nik, Village: &village, MaritalStatus: &married,
			BirthDate: &birth, Consent: consent})
		if err != nil {
			return fmt.Errorf("demo member: %w", err)
		}
		ids[i] = v.ID
		if _, err := a.Programs.Enroll(ctx, scope, actor, prog.ID, programs.EnrollInput{BeneficiaryID: v.ID, EnrolledOn: day(0)}); err != nil {
			return fmt.Errorf("demo enrolment: %w", err)
		}
		if _, err := a.GroupFund.Deposit(ctx, scope, actor, groupfund.SavingsInput{BeneficiaryID: v.ID, Kind: groupfund.Pokok,
			Amount: 10_000_000, PaidOn: day(0)}); err != nil {
			return fmt.Errorf("demo savings: %w", err)
		}
		if _, err := a.GroupFund.Deposit(ctx, scope, actor, groupfund.SavingsInput{BeneficiaryID: v.ID, Kind: groupfund.Sukarela,
			Amount: 25_000_000, PaidOn: day(0)}); err != nil {
			return fmt.Errorf("demo savings: %w", err)
		}
		ent, err := a.Enterprises.Create(ctx, scope, actor, v.ID, enterprises.Input{Kind: "tenun-ikat", Name: "Tenun " + name,
			StartedOn: day(0), Workers: "ibu dan anak perempuan"})
		if err != nil {
			return fmt.Errorf("demo enterprise: %w", err)
		}
		for m := 3; m <= 5; m++ {
			sales := int64(300_000_000 + 25_000_000*int64(i) + 20_000_000*int64(m))
			in := enterprises.BookInput{Sales: &sales, DaysWorked: 18}
			in.Costs.Materials, in.Costs.Other = 60_000_000, 5_000_000
			if _, err := a.Enterprises.SaveBook(ctx, scope, actor, ent.ID, base.AddDate(0, m, 0).Format("2006-01"), in); err != nil {
				return fmt.Errorf("demo book: %w", err)
			}
		}
	}
	loan := func(b string, principal int64, fee float64, term int, method string) (string, error) {
		l, err := a.GroupFund.CreateLoan(ctx, scope, actor, groupfund.LoanInput{BeneficiaryID: b, Principal: principal,
			FeePercentPerMonth: &fee, TermMonths: term, Method: method, DisbursedOn: day(1)})
		if err != nil {
			return "", fmt.Errorf("demo loan: %w", err)
		}
		return l.ID, nil
	}
	onTime, err := loan(ids[0], 100_000_000, 1.5, 5, groupfund.Flat)
	if err != nil {
		return err
	}
	late, err := loan(ids[1], 75_000_000, 2, 5, groupfund.Declining)
	if err != nil {
		return err
	}
	arisan := ids[2:6]
	round, err := a.GroupFund.CreateArisanRound(ctx, scope, actor, groupfund.ArisanRoundInput{Name: "Arisan Tenun", Contribution: 2_000_000,
		StartsOn: day(2), Draw: "agreement", Members: arisan})
	if err != nil {
		return fmt.Errorf("demo arisan: %w", err)
	}
	// Four monthly meetings: compulsory savings from all, the on-time
	// loan's installment, one payment only on the other, the arisan.
	for m := 2; m <= 5; m++ {
		in := groupfund.MeetingInput{HeldOn: day(m), ProgramID: prog.ID}
		for i, b := range ids {
			line := groupfund.MeetingLine{BeneficiaryID: b, Present: (i+m)%5 != 0,
				Deposits: []groupfund.LineDeposit{{Kind: groupfund.Wajib, Amount: 1_000_000}}}
			if i >= 2 {
				line.Arisan = 2_000_000
			}
			if i == 0 {
				line.Repayments = []groupfund.LineRepayment{{LoanID: onTime, Amount: 21_500_000}}
			}
			if i == 1 && m == 2 {
				line.Repayments = []groupfund.LineRepayment{{LoanID: late, Amount: 16_500_000}}
			}
			in.Lines = append(in.Lines, line)
		}
		if _, err := a.GroupFund.RecordMeeting(ctx, scope, actor, in); err != nil {
			return fmt.Errorf("demo meeting: %w", err)
		}
		if _, err := a.GroupFund.Payout(ctx, scope, actor, round.ID, groupfund.PayoutInput{PaidOn: day(m)}); err != nil {
			return fmt.Errorf("demo arisan payout: %w", err)
		}
	}
	return nil
}
