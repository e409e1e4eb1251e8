package app

import (
	"context"
	"fmt"
	"time"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/enterprises"
	"github.com/peduli/peduli/internal/groupfund"
)

// demoFund gives the demo group's weaving KUBE its money on a first run:
// six of its members (women) get their enterprises and three months of
// books, savings, four monthly meetings, a finished arisan round and two
// loans, one repaid on time and one in arrears. Dates follow the clock, so
// the arrears stay arrears. It does nothing when the group already holds
// savings.
func (a *App) demoFund(ctx context.Context, tenantID, ownerID, programID string, women []string) error {
	scope, actor := a.DB.Scope(tenantID), audit.Actor{UserID: ownerID}
	held, err := a.GroupFund.GroupSavings(ctx, scope)
	if err != nil || held.Total > 0 {
		return err
	}
	now := a.Programs.Now().UTC()
	base := time.Date(now.Year(), now.Month(), 5, 0, 0, 0, 0, time.UTC).AddDate(0, -6, 0)
	day := func(months int) string { return base.AddDate(0, months, 0).Format(time.DateOnly) }
	ids := women
	for i, id := range women {
		if _, err := a.GroupFund.Deposit(ctx, scope, actor, groupfund.SavingsInput{BeneficiaryID: id, Kind: groupfund.Pokok,
			Amount: 10_000_000, PaidOn: day(0)}); err != nil {
			return fmt.Errorf("demo savings: %w", err)
		}
		if _, err := a.GroupFund.Deposit(ctx, scope, actor, groupfund.SavingsInput{BeneficiaryID: id, Kind: groupfund.Sukarela,
			Amount: 25_000_000, PaidOn: day(0)}); err != nil {
			return fmt.Errorf("demo savings: %w", err)
		}
		ent, err := a.Enterprises.Create(ctx, scope, actor, id, enterprises.Input{Kind: "tenun-ikat", Name: fmt.Sprintf("Tenun ikat %d", i+1),
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
		in := groupfund.MeetingInput{HeldOn: day(m), ProgramID: programID}
		for i, b := range ids {
			line := groupfund.MeetingLine{BeneficiaryID: b, Present: (i+m)%5 != 0,
				Deposits: []groupfund.LineDeposit{{Kind: groupfund.Wajib, Amount: 1_000_000}}}
			if i >= 2 && i < 6 { // the round's members
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
