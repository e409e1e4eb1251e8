package funds

import (
	"context"
	"strings"
	"time"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
)

// RecordInput is a gift the treasurer received by hand (POST …/donations).
type RecordInput struct {
	Amount     int64  `json:"amount" validate:"required,gt=0"`
	Currency   string `json:"currency" validate:"required"`
	Method     string `json:"method" validate:"required,oneof=cash transfer in_kind"`
	ReceivedOn string `json:"received_on" validate:"required,datetime=2006-01-02"`
	Donor      struct {
		Name  string `json:"name" validate:"max=120"`
		Email string `json:"email" validate:"omitempty,email,max=254"`
	} `json:"donor"`
	Anonymous bool   `json:"anonymous"`
	ShowName  bool   `json:"show_name"`
	ProgramID string `json:"program_id" validate:"omitempty,uuid"`
	// Description says what an in-kind gift was (its amount is its value).
	Description string `json:"description" validate:"max=500"`
	Locale      string `json:"locale" validate:"omitempty,oneof=id en"`
}

// Record books a cash, transfer or in-kind gift: the donation, its receipt
// number and its income entry, in one transaction.
func (s *Service) Record(ctx context.Context, scope db.Scope, actor audit.Actor, in RecordInput) (*Donation, error) {
	if err := checkRecord(in, s.Now()); err != nil {
		return nil, err
	}
	if in.Locale == "" {
		in.Locale = "id"
	}
	now := s.Now()
	d := Donation{TenantID: scope.TenantID(), ID: db.NewID(), Channel: in.Method, Frequency: "once",
		Status: StatusSucceeded, Amount: in.Amount, Currency: Currency,
		DonorName: strings.TrimSpace(in.Donor.Name), DonorEmail: strings.ToLower(strings.TrimSpace(in.Donor.Email)),
		Anonymous: in.Anonymous, ShowName: in.ShowName && !in.Anonymous, Locale: in.Locale, Description: strings.TrimSpace(in.Description),
		ReceivedOn: &in.ReceivedOn, SucceededAt: &now, CreatedAt: now, UpdatedAt: now}
	if in.ProgramID != "" {
		d.ProgramID = &in.ProgramID
	}
	if actor.UserID != "" {
		d.RecordedBy = &actor.UserID
	}
	err := scope.Write(ctx, func(tx *db.Tenant) error {
		if err := s.checkProgram(tx, in.ProgramID); err != nil {
			return err
		}
		number, err := s.nextReceiptNumber(tx, "group:"+tx.ID)
		if err != nil {
			return err
		}
		d.ReceiptNumber = number
		d.ReceiptTokenHash = hashToken(s.receiptToken(tx.ID, d.ID))
		if err := tx.DB().Create(&d).Error; err != nil {
			return err
		}
		if err := addRoutes(tx, d.ID, receiptRef(d.ReceiptTokenHash)); err != nil {
			return err
		}
		if _, err := s.giftEntry(tx, &d); err != nil {
			return err
		}
		return audit.Record(tx, actor, audit.Create, "donation", d.ID, "amount", "method", "received_on", "donor")
	})
	if err != nil {
		return nil, err
	}
	return &d, nil
}

// CheckRecord validates in as Record would, writing nothing (for a page
// that could not read one of its fields).
func (s *Service) CheckRecord(in RecordInput) error { return checkRecord(in, s.Now()) }

// checkRecord is Record's validation at now: every invalid field in one
// answer, the tag rules' message first when a field breaks both.
func checkRecord(in RecordInput, now time.Time) error {
	tags := &errs.ValidationError{}
	if err := tags.Also(httpx.Validate(in)); err != nil {
		return err
	}
	v := &errs.ValidationError{}
	if !strings.EqualFold(in.Currency, Currency) {
		v.Add("currency", "oneof", "must be idr")
	}
	if in.Amount > MaxManualAmount {
		v.Add("amount", "lte", "is too large")
	}
	if in.Method == ChannelInKind && strings.TrimSpace(in.Description) == "" {
		v.Add("description", "required", "is required for an in-kind gift")
	}
	if d, err := time.Parse(dateLayout, in.ReceivedOn); err == nil && d.After(now.In(clock.Zone).AddDate(0, 0, 1)) {
		v.Add("received_on", "not_future", "must not be in the future")
	}
	if err := tags.Also(v.Err()); err != nil {
		return err
	}
	return tags.Err()
}

// DonationView is a donation as the workspace shows it. DonorEmail is set
// only for roles that may read donors' contacts.
type DonationView struct {
	ID            string  `json:"id"`
	Channel       string  `json:"method"`
	Interval      string  `json:"interval"`
	Status        string  `json:"status"`
	Amount        int64   `json:"amount"`
	Currency      string  `json:"currency"`
	ProgramID     *string `json:"program_id"`
	ParentID      *string `json:"parent_id,omitempty"`
	DonorName     string  `json:"donor_name"`
	DonorEmail    string  `json:"donor_email,omitempty"`
	Anonymous     bool    `json:"anonymous"`
	Description   string  `json:"description,omitempty"`
	ReceivedOn    string  `json:"received_on,omitempty"`
	ReceiptNumber string  `json:"receipt_number"`
	ReceiptURL    string  `json:"receipt_url,omitempty"`
	RefundedAmt   int64   `json:"refunded_amount,omitempty"`
	CreatedAt     string  `json:"created_at"`
}

// View returns the donation for the workspace; withEmail shows the email.
func (s *Service) View(d *Donation, withEmail bool) DonationView {
	v := DonationView{ID: d.ID, Channel: d.Channel, Interval: d.Frequency, Status: d.Status, Amount: d.Amount,
		Currency: d.Currency, ProgramID: d.ProgramID, ParentID: d.ParentID, DonorName: d.DonorName,
		Anonymous: d.Anonymous, Description: d.Description, ReceiptNumber: d.ReceiptNumber,
		RefundedAmt: d.RefundedAmount, CreatedAt: d.CreatedAt.UTC().Format(time.RFC3339)}
	if withEmail {
		v.DonorEmail = d.DonorEmail
	}
	if d.ReceivedOn != nil {
		v.ReceivedOn = day(*d.ReceivedOn)
	}
	if d.ReceiptTokenHash != "" {
		v.ReceiptURL = s.BaseURL + "/receipts/" + s.receiptToken(d.TenantID, d.ID)
	}
	return v
}

// DonationFilter narrows a donation list.
type DonationFilter struct {
	Status string
	Limit  int
	Cursor string // the id of the last donation of the previous page
}

// Donations lists a group's donations, newest first.
func (s *Service) Donations(ctx context.Context, scope db.Scope, f DonationFilter) ([]Donation, string, error) {
	if f.Limit <= 0 || f.Limit > 200 {
		f.Limit = 50
	}
	var out []Donation
	err := scope.Read(ctx, func(tx *db.Tenant) error {
		q := tx.DB().Where("tenant_id = ?", tx.ID)
		if f.Status != "" {
			q = q.Where("status = ?", f.Status)
		}
		if f.Cursor != "" {
			q = q.Where("id < ?", f.Cursor)
		}
		return q.Order("id DESC").Limit(f.Limit + 1).Find(&out).Error
	})
	next := ""
	if len(out) > f.Limit {
		out, next = out[:f.Limit], out[f.Limit-1].ID
	}
	return out, next, err
}
