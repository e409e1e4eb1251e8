package funds

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
)

// GiveInput is a donor's online gift (POST /api/v1/public/groups/{slug}/donations).
type GiveInput struct {
	Amount    int64     `json:"amount" validate:"required"`
	Currency  string    `json:"currency" validate:"required"`
	ProgramID string    `json:"program_id" validate:"omitempty,uuid"`
	Donor     DonorInfo `json:"donor"`
	Anonymous bool      `json:"anonymous"`
	// ShowName opts in to being named on the group's public ledger.
	ShowName bool   `json:"show_name"`
	Interval string `json:"interval" validate:"omitempty,oneof=once month"`
	Locale   string `json:"locale" validate:"omitempty,oneof=id en"`
}

// DonorInfo is who gives; both fields are optional for an anonymous gift.
type DonorInfo struct {
	Name  string `json:"name" validate:"max=120"`
	Email string `json:"email" validate:"omitempty,email,max=254"`
}

// Checkout is the answer to a gift: where the donor pays.
type Checkout struct {
	DonationID        string `json:"donation_id"`
	CheckoutSessionID string `json:"checkout_session_id"`
	CheckoutURL       string `json:"checkout_url"`
	ReceiptURL        string `json:"receipt_url"`
}

// Give records a pending donation and opens a Stripe Checkout Session for
// it. The donation is committed before Stripe is called, so a gift whose
// session Stripe created but whose answer got lost is still on record, and
// the reconciliation job or the webhook settles it.
func (s *Service) Give(ctx context.Context, slug string, in GiveInput) (*Checkout, error) {
	if err := httpx.Validate(in); err != nil {
		return nil, err
	}
	t, err := s.Tenancy.Store.TenantBySlug(ctx, slug)
	if err != nil {
		return nil, err
	}
	if err := checkGift(&in); err != nil {
		return nil, err
	}
	el, err := s.EligibilityOf(ctx, t)
	if err != nil {
		return nil, err
	}
	if !el.Enabled {
		return nil, &DisabledError{Reason: el.Reason}
	}
	now := s.Now()
	id := db.NewID()
	token := s.receiptToken(t.ID, id)
	tokenHash := hashToken(token)
	d := Donation{TenantID: t.ID, ID: id, Channel: ChannelOnline, Frequency: in.Interval,
		Status: StatusPending, Amount: in.Amount, Currency: Currency, HostKey: &el.Host.Key,
		DonorName: strings.TrimSpace(in.Donor.Name), DonorEmail: strings.ToLower(strings.TrimSpace(in.Donor.Email)),
		Anonymous: in.Anonymous, ShowName: in.ShowName && !in.Anonymous, Locale: in.Locale, ReceiptTokenHash: tokenHash, CreatedAt: now, UpdatedAt: now}
	if in.ProgramID != "" {
		d.ProgramID = &in.ProgramID
	}
	err = s.DB.Scope(t.ID).Write(ctx, func(tx *db.Tenant) error {
		if err := s.checkProgram(tx, in.ProgramID); err != nil {
			return err
		}
		if err := tx.DB().Create(&d).Error; err != nil {
			return err
		}
		if err := s.queueReconcile(tx, d.ID); err != nil {
			return err
		}
		return addRoutes(tx, d.ID, d.ID, receiptRef(tokenHash))
	})
	if err != nil {
		return nil, err
	}
	cs, err := s.Stripe.CreateCheckout(ctx, el.account, CheckoutInput{
		DonationID: d.ID, TenantSlug: t.Slug, GroupName: t.Name, Amount: d.Amount,
		Monthly: d.Frequency == "month", DonorEmail: d.DonorEmail, Locale: d.Locale,
		SuccessURL:  s.BaseURL + "/receipts/" + token,
		CancelURL:   s.BaseURL + "/g/" + t.Slug + "/donate?canceled=1",
		Description: giftDescription(t.Name, d.Locale),
	})
	if err != nil {
		s.Log.Warn("checkout session not created; donation stays pending", "tenant", t.Slug, "donation", d.ID, "error", describe(err))
		return nil, err
	}
	err = s.DB.Scope(t.ID).Write(ctx, func(tx *db.Tenant) error {
		if err := tx.DB().Model(&Donation{}).Where("tenant_id = ? AND id = ?", t.ID, d.ID).
			Updates(map[string]any{"checkout_session_id": cs.ID, "updated_at": s.Now()}).Error; err != nil {
			return err
		}
		return addRoutes(tx, d.ID, cs.ID)
	})
	if err != nil {
		return nil, err
	}
	return &Checkout{DonationID: d.ID, CheckoutSessionID: cs.ID, CheckoutURL: cs.URL,
		ReceiptURL: s.BaseURL + "/receipts/" + token}, nil
}

// checkGift applies the rules a struct tag cannot say and fills defaults.
func checkGift(in *GiveInput) error {
	v := &errs.ValidationError{}
	if !strings.EqualFold(in.Currency, Currency) {
		v.Add("currency", "oneof", "must be idr")
	}
	if in.Amount < MinOnlineAmount {
		v.Fields = append(v.Fields, errs.FieldError{Field: "amount", Rule: "gte", Param: Rupiah(MinOnlineAmount),
			Message: "must be at least 1000000 (Rp 10.000)"})
	} else if in.Amount > MaxOnlineAmount {
		v.Fields = append(v.Fields, errs.FieldError{Field: "amount", Rule: "lte", Param: Rupiah(MaxOnlineAmount),
			Message: "must be at most 10000000000 (Rp 100.000.000)"})
	} else if in.Amount%100 != 0 {
		v.Add("amount", "whole_rupiah", "must be whole rupiah (a multiple of 100)")
	}
	if !in.Anonymous && strings.TrimSpace(in.Donor.Name) == "" {
		v.Add("donor.name", "required", "is required unless the gift is anonymous")
	}
	if in.Interval == "" {
		in.Interval = "once"
	}
	if in.Interval == "month" && in.Donor.Email == "" {
		v.Add("donor.email", "required", "is required for a monthly gift")
	}
	if in.Locale == "" {
		in.Locale = "id"
	}
	return v.Err()
}

// checkProgram makes sure an earmark names one of the group's programs.
func (s *Service) checkProgram(tx *db.Tenant, programID string) error {
	if programID == "" {
		return nil
	}
	ok, err := s.Programs.HasProgram(tx, programID)
	if err != nil {
		return fmt.Errorf("funds: program of an earmark: %w", err)
	}
	if !ok {
		return errs.Invalid("program_id", "exists", "is not a program of this group")
	}
	return nil
}

// addRoutes records refs under which the webhook and receipt links find
// the donation's tenant; a ref already routed to it is kept.
func addRoutes(tx *db.Tenant, donationID string, refs ...string) error {
	for _, ref := range refs {
		if ref == "" {
			continue
		}
		err := tx.DB().Exec(`INSERT INTO donation_routes (ref, tenant_id, donation_id, created_at)
			VALUES (?, ?, ?, ?) ON CONFLICT (ref) DO NOTHING`, ref, tx.ID, donationID, nowUTC()).Error
		if err != nil {
			return err
		}
	}
	return nil
}

func receiptRef(hash string) string { return "receipt:" + hash }

// receiptToken is the unguessable token of a donation's receipt link: an
// HMAC of its ids under a key derived from the operator secret, so the link
// can be rebuilt for an email without storing it; only its hash is stored
// (for the lookup).
func (s *Service) receiptToken(tenantID, donationID string) string {
	m := hmac.New(sha256.New, s.ReceiptKey)
	m.Write([]byte(tenantID + "/" + donationID))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:24])
}

func hashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

func giftDescription(group, locale string) string {
	if locale == "en" {
		return "Donation to " + group
	}
	return "Donasi untuk " + group
}
