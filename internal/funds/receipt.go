package funds

import (
	"context"
	"fmt"
	"strings"

	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
)

// Receipt is what a donor's receipt shows.
type Receipt struct {
	Donation     Donation
	GroupName    string
	GroupSlug    string
	HostName     string
	PermitNumber string
	ProgramName  string
}

// ReceiptByToken finds the receipt behind an unguessable link token. The
// token's hash routes to the tenant; everything else is read in its scope.
func (s *Service) ReceiptByToken(ctx context.Context, token string) (*Receipt, error) {
	if len(token) < 20 || len(token) > 64 {
		return nil, errs.ErrNotFound
	}
	var r Route
	if err := s.DB.Global(ctx).Where("ref = ?", receiptRef(hashToken(token))).Take(&r).Error; err != nil {
		if db.IsNotFound(err) {
			return nil, errs.ErrNotFound
		}
		return nil, err
	}
	return s.receiptByID(ctx, r.TenantID, r.DonationID)
}

func (s *Service) receiptByID(ctx context.Context, tenantID, donationID string) (*Receipt, error) {
	var out Receipt
	err := s.DB.Scope(tenantID).Read(ctx, func(tx *db.Tenant) error {
		if err := tx.DB().Where("tenant_id = ? AND id = ?", tx.ID, donationID).Take(&out.Donation).Error; err != nil {
			return err
		}
		if p := out.Donation.ProgramID; p != nil {
			names, err := s.Programs.ProgramNames(tx)
			if err != nil {
				return fmt.Errorf("funds: program of a receipt: %w", err)
			}
			out.ProgramName = names[*p]
		}
		return nil
	})
	if err != nil {
		if db.IsNotFound(err) {
			return nil, errs.ErrNotFound
		}
		return nil, err
	}
	t, err := s.Tenancy.Store.TenantByID(ctx, tenantID)
	if err != nil {
		return nil, fmt.Errorf("funds: group of a receipt: %w", err)
	}
	out.GroupName, out.GroupSlug = t.Name, t.Slug
	if k := out.Donation.HostKey; k != nil {
		if h, err := s.HostByKey(ctx, *k); err == nil {
			out.HostName, out.PermitNumber = h.Name, h.PermitNumber
		}
	}
	return &out, nil
}

// ReceiptView is a receipt as the API and pages show it.
type ReceiptView struct {
	Number       string `json:"receipt_number"`
	Status       string `json:"status"`
	Amount       int64  `json:"amount"`
	Currency     string `json:"currency"`
	AmountText   string `json:"amount_text"`
	Date         string `json:"date"`
	Donor        string `json:"donor"`
	Group        string `json:"group"`
	Program      string `json:"program,omitempty"`
	Host         string `json:"host,omitempty"`
	PermitNumber string `json:"permit_number,omitempty"`
	Monthly      bool   `json:"monthly"`
	Locale       string `json:"locale"`
	// Method is the gift's channel: online, cash, transfer or in_kind.
	Method string `json:"-"`
}

// View returns the receipt's printable fields in its donor's language.
func (r *Receipt) View() ReceiptView {
	d := r.Donation
	v := ReceiptView{Number: d.ReceiptNumber, Status: d.Status, Amount: d.Amount, Currency: d.Currency,
		AmountText: Rupiah(d.Amount), Donor: d.DonorName, Group: r.GroupName, Program: r.ProgramName,
		Host: r.HostName, PermitNumber: r.PermitNumber, Monthly: d.Frequency == "month", Locale: d.Locale, Method: d.Channel}
	// The day the money was received: the day a treasurer says a cash gift
	// came, not the day she typed it; for online gifts, Stripe's confirmation.
	if d.ReceivedOn != nil {
		v.Date = day(*d.ReceivedOn)
	} else if d.SucceededAt != nil {
		v.Date = d.SucceededAt.In(clock.Zone).Format(dateLayout)
	}
	if d.Anonymous || v.Donor == "" {
		v.Donor = map[bool]string{true: "Anonymous", false: "Hamba Allah"}[d.Locale == "en"]
	}
	return v
}

// Rupiah formats minor units the Indonesian way: 5000000 → "Rp 50.000".
func Rupiah(minor int64) string {
	neg := minor < 0
	if neg {
		minor = -minor
	}
	whole := fmt.Sprint(minor / 100)
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	s := "Rp " + b.String()
	if c := minor % 100; c != 0 {
		s += fmt.Sprintf(",%02d", c)
	}
	if neg {
		s = "-" + s
	}
	return s
}
