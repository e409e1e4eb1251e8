package funds

import (
	"gorm.io/gorm/clause"

	"github.com/peduli/peduli/internal/platform/db"
)

// apply changes a donation as one event says and returns the ids of gifts
// that just succeeded (for their receipts). Every branch is written so that
// any order of events converges: a state is only ever moved forward, and
// ledger rows carry a unique source key.
func (s *Service) apply(tx *db.Tenant, typ string, d *Donation, o *stripeObject) ([]string, error) {
	switch typ {
	case evCheckoutCompleted:
		if o.Mode == "subscription" {
			return nil, s.activate(tx, d, string(o.Subscription))
		}
		if o.PaymentStatus != "paid" && o.PaymentStatus != "no_payment_required" {
			// a delayed method (bank debit): wait for async_payment_*
			return nil, s.setFields(tx, d, map[string]any{"payment_intent_id": string(o.PaymentIntent)}, string(o.PaymentIntent))
		}
		return s.succeed(tx, d, string(o.PaymentIntent))
	case evAsyncPaymentSucceeded:
		return s.succeed(tx, d, string(o.PaymentIntent))
	case evAsyncPaymentFailed, evCheckoutExpired:
		// the donor left or the delayed payment failed; a payment event
		// arriving later still turns the gift into a success
		return nil, s.fail(tx, d)
	case evInvoicePaid:
		return s.invoicePaid(tx, d, o)
	case evChargeRefunded:
		return nil, s.refund(tx, d, o.AmountRefunded)
	}
	return nil, nil
}

// donationForUpdate reads a donation in the tenant's transaction. On
// PostgreSQL it locks the row, so two different events about one donation
// (say the completion and the refund) apply one after the other.
func donationForUpdate(tx *db.Tenant, id string) (*Donation, error) {
	var d Donation
	q := tx.DB().Where("tenant_id = ? AND id = ?", tx.ID, id)
	if tx.DB().Dialector.Name() == "postgres" {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	if err := q.Take(&d).Error; err != nil {
		return nil, err
	}
	return &d, nil
}

func (s *Service) setFields(tx *db.Tenant, d *Donation, fields map[string]any, refs ...string) error {
	fields["updated_at"] = s.Now()
	if err := tx.DB().Model(&Donation{}).Where("tenant_id = ? AND id = ?", tx.ID, d.ID).Updates(fields).Error; err != nil {
		return err
	}
	return addRoutes(tx, d.ID, refs...)
}

// succeed marks a gift paid: status, receipt number and its income entry.
// A gift refunded before its success arrived gets both its income and the
// reversing entry, so the ledger shows the money that came and went.
func (s *Service) succeed(tx *db.Tenant, d *Donation, paymentIntent string) ([]string, error) {
	switch d.Status {
	case StatusPending, StatusFailed:
		number, err := s.nextReceiptNumber(tx, hostSeries(d))
		if err != nil {
			return nil, err
		}
		now := s.Now()
		if err := s.setFields(tx, d, map[string]any{"status": StatusSucceeded, "succeeded_at": now,
			"payment_intent_id": paymentIntent, "receipt_number": number}, paymentIntent); err != nil {
			return nil, err
		}
		_, err = s.giftEntry(tx, d)
		return []string{d.ID}, err
	case StatusRefunded:
		gift, err := s.giftEntry(tx, d)
		if err != nil {
			return nil, err
		}
		if err := s.setFields(tx, d, map[string]any{"payment_intent_id": paymentIntent}, paymentIntent); err != nil {
			return nil, err
		}
		return nil, s.refundEntry(tx, d, gift, d.RefundedAmount)
	}
	return nil, nil // already succeeded: nothing to do
}

// fail marks a gift whose delayed payment failed.
func (s *Service) fail(tx *db.Tenant, d *Donation) error {
	if d.Status != StatusPending {
		return nil
	}
	return s.setFields(tx, d, map[string]any{"status": StatusFailed})
}

// activate marks a monthly gift whose subscription started; its money
// arrives with each invoice.
func (s *Service) activate(tx *db.Tenant, d *Donation, subscription string) error {
	fields := map[string]any{"subscription_id": subscription}
	if d.Status == StatusPending || d.Status == StatusFailed {
		fields["status"] = StatusActive
	}
	return s.setFields(tx, d, fields, subscription)
}

// invoicePaid records one month of a monthly gift as its own succeeded
// donation, once per invoice.
func (s *Service) invoicePaid(tx *db.Tenant, parent *Donation, o *stripeObject) ([]string, error) {
	if o.AmountPaid <= 0 {
		return nil, nil
	}
	if err := s.activate(tx, parent, string(o.Subscription)); err != nil {
		return nil, err
	}
	var n int64
	if err := tx.DB().Model(&Donation{}).Where("tenant_id = ? AND invoice_id = ?", tx.ID, o.ID).Count(&n).Error; err != nil || n > 0 {
		return nil, err
	}
	now := s.Now()
	child := *parent
	child.ID, child.ParentID, child.Status, child.Amount = db.NewID(), &parent.ID, StatusPending, o.AmountPaid
	child.InvoiceID, child.SubscriptionID, child.CheckoutSessionID = o.ID, string(o.Subscription), ""
	child.PaymentIntentID, child.ReceiptNumber, child.RefundedAmount, child.SucceededAt = "", "", 0, nil
	child.ReceiptTokenHash = hashToken(s.receiptToken(tx.ID, child.ID))
	child.CreatedAt, child.UpdatedAt = now, now
	if err := tx.DB().Create(&child).Error; err != nil {
		return nil, err
	}
	if err := addRoutes(tx, child.ID, child.ID, o.ID, receiptRef(child.ReceiptTokenHash)); err != nil {
		return nil, err
	}
	return s.succeed(tx, &child, string(o.PaymentIntent))
}

// refund records money given back: a reversing entry for a gift already in
// the ledger, or only the state when the refund overtook the success.
func (s *Service) refund(tx *db.Tenant, d *Donation, amount int64) error {
	if amount <= 0 || amount > d.Amount {
		amount = d.Amount
	}
	switch d.Status {
	case StatusSucceeded:
		if err := s.setFields(tx, d, map[string]any{"status": StatusRefunded, "refunded_amount": amount}); err != nil {
			return err
		}
		gift, err := s.giftEntry(tx, d)
		if err != nil {
			return err
		}
		return s.refundEntry(tx, d, gift, amount)
	case StatusPending, StatusFailed:
		return s.setFields(tx, d, map[string]any{"status": StatusRefunded, "refunded_amount": amount})
	}
	return nil
}

func hostSeries(d *Donation) string {
	if d.HostKey != nil {
		return *d.HostKey
	}
	return "group:" + d.TenantID
}
