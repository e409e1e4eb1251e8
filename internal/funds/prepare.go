package funds

import (
	"fmt"
	"strings"
	"time"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
)

// Builders for bulk loaders (the development data generator): they check
// the same rules as Record and AddEntry and make the same rows, and the
// caller inserts many in one statement inside the tenant's transaction.

// PreparedGift is a hand-recorded gift as Record writes it: the donation,
// its income entry, its receipt route and its audit event.
type PreparedGift struct {
	Donation Donation
	Entry    LedgerEntry
	Route    Route
	Audit    audit.Event
}

// GroupReceiptSeries is the receipt-number series of a group's
// hand-recorded gifts; its counter row in receipt_counters must end at the
// highest number used in each year.
func GroupReceiptSeries(tenantID string) string { return "group:" + tenantID }

// ReceiptNumber formats the number-th receipt of a series in a year.
func ReceiptNumber(series string, year int, number int64) string {
	return fmt.Sprintf("%s/%d/%06d", seriesPrefix(series), year, number)
}

// ReceiptYear is the year (in the groups' time zone) a receipt numbered at
// t belongs to.
func ReceiptYear(t time.Time) int { return t.In(clock.Zone).Year() }

// PrepareRecord checks in as Record does and builds the gift with the
// given ids and receipt number, recorded at now.
func (s *Service) PrepareRecord(tenantID, id, entryID, auditID string, actor audit.Actor, in RecordInput, receiptNumber string, now time.Time) (PreparedGift, error) {
	if err := checkRecord(in, now); err != nil {
		return PreparedGift{}, err
	}
	if in.Locale == "" {
		in.Locale = "id"
	}
	received := in.ReceivedOn
	d := Donation{TenantID: tenantID, ID: id, Channel: in.Method, Frequency: "once",
		Status: StatusSucceeded, Amount: in.Amount, Currency: Currency,
		DonorName: strings.TrimSpace(in.Donor.Name), DonorEmail: strings.ToLower(strings.TrimSpace(in.Donor.Email)),
		Anonymous: in.Anonymous, ShowName: in.ShowName && !in.Anonymous, Locale: in.Locale,
		Description: strings.TrimSpace(in.Description), ReceivedOn: &received, SucceededAt: &now,
		ReceiptNumber: receiptNumber, CreatedAt: now, UpdatedAt: now}
	d.ReceiptTokenHash = hashToken(s.receiptToken(tenantID, d.ID))
	if in.ProgramID != "" {
		d.ProgramID = &in.ProgramID
	}
	if actor.UserID != "" {
		d.RecordedBy = &actor.UserID
	}
	key := "gift:" + d.ID
	e := LedgerEntry{TenantID: tenantID, ID: entryID, Kind: KindIncome, Source: sourceOf(d.Channel),
		Amount: d.Amount, Currency: Currency, Category: CategoryDonation, ProgramID: d.ProgramID,
		OccurredOn: day(received), Note: receiptNumber, DonationID: &d.ID, SourceKey: &key, CreatedAt: now}
	return PreparedGift{
		Donation: d, Entry: e,
		Route: Route{Ref: receiptRef(d.ReceiptTokenHash), TenantID: tenantID, DonationID: d.ID, CreatedAt: now},
		Audit: audit.NewEvent(tenantID, auditID, actor, audit.Create, "donation", d.ID, now,
			"amount", "method", "received_on", "donor"),
	}, nil
}

// PrepareExpense checks an expense as AddEntry does and builds its entry
// and audit event; threshold is the group's approval threshold.
func PrepareExpense(tenantID, id, auditID string, actor audit.Actor, in EntryInput, threshold int64, now time.Time) (LedgerEntry, audit.Event, error) {
	v := &errs.ValidationError{}
	if in.Kind != KindExpense {
		v.Add("kind", "oneof", "must be expense")
	}
	category, err := checkEntry(in, now)
	if err := v.Also(err); err != nil {
		return LedgerEntry{}, audit.Event{}, err
	}
	if err := v.Err(); err != nil {
		return LedgerEntry{}, audit.Event{}, err
	}
	e := LedgerEntry{TenantID: tenantID, ID: id, Kind: KindExpense, Source: SourceManual,
		Amount: in.Amount, Currency: Currency, Category: category, OccurredOn: in.OccurredOn,
		Note: strings.TrimSpace(in.Note), NeedsApproval: in.Amount > threshold, CreatedAt: now}
	if in.ProgramID != "" {
		e.ProgramID = &in.ProgramID
	}
	if actor.UserID != "" {
		e.CreatedBy = &actor.UserID
	}
	return e, audit.NewEvent(tenantID, auditID, actor, audit.Create, "ledger_entry", e.ID, now,
		"kind", "amount", "category", "occurred_on"), nil
}

// SetReceiptCounter records last as the highest receipt number used in a
// series and year, after a bulk loader has numbered its gifts itself.
func SetReceiptCounter(tx *db.Tenant, series string, year int, last int64) error {
	return tx.DB().Exec(`INSERT INTO receipt_counters (series, year, last_number) VALUES (?, ?, ?)
		ON CONFLICT (series, year) DO UPDATE SET last_number = excluded.last_number`, series, year, last).Error
}
