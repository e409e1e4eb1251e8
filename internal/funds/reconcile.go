package funds

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/peduli/peduli/internal/jobs"
	"github.com/peduli/peduli/internal/platform/db"
)

// ReconcileChange is one donation the reconciliation settled.
type ReconcileChange struct {
	TenantID   string `json:"tenant_id"`
	DonationID string `json:"donation_id"`
	From       string `json:"from"`
	To         string `json:"to"`
}

// ReconcileReport says what one pass looked at and changed.
type ReconcileReport struct {
	Checked   int               `json:"checked"`
	Changed   []ReconcileChange `json:"changed"`
	Unchanged int               `json:"unchanged"`
	Errors    int               `json:"errors"`
}

// Reconcile asks Stripe about every online donation still pending after
// olderThan and settles those Stripe says are paid, expired or never
// started. Each fix is recorded under a synthetic event id
// ("reconcile:<session>") in the same transaction, and moves state only
// forward, so a second pass — or a webhook arriving meanwhile — changes
// nothing more.
func (s *Service) Reconcile(ctx context.Context, olderThan time.Duration) (ReconcileReport, error) {
	rep := ReconcileReport{Changed: []ReconcileChange{}}
	tenantIDs, err := s.Tenancy.Store.TenantIDs(ctx)
	if err != nil {
		return rep, fmt.Errorf("funds: reconcile: %w", err)
	}
	cutoff := s.Now().Add(-olderThan)
	for _, tid := range tenantIDs {
		var pending []Donation
		err := s.DB.Scope(tid).Read(ctx, func(tx *db.Tenant) error {
			return tx.DB().Where("tenant_id = ? AND channel = ? AND status = ? AND created_at < ?",
				tx.ID, ChannelOnline, StatusPending, cutoff).Order("created_at").Find(&pending).Error
		})
		if err != nil {
			return rep, err
		}
		for i := range pending {
			rep.Checked++
			to, err := s.reconcileOne(ctx, &pending[i])
			switch {
			case err != nil:
				rep.Errors++
				s.Log.Warn("reconcile: donation not settled", "tenant", tid, "donation", pending[i].ID, "error", describe(err))
			case to == "":
				rep.Unchanged++
			default:
				rep.Changed = append(rep.Changed, ReconcileChange{TenantID: tid, DonationID: pending[i].ID, From: StatusPending, To: to})
			}
		}
	}
	return rep, nil
}

// reconcileOne settles one pending donation; "" means nothing changed.
func (s *Service) reconcileOne(ctx context.Context, d *Donation) (string, error) {
	if d.CheckoutSessionID == "" {
		// Stripe never answered with a session, so the donor never saw a
		// payment page: the gift did not start. A payment event arriving
		// later still turns it into a success.
		return s.settle(ctx, d, "reconcile:nosession:"+d.ID, func(tx *db.Tenant, cur *Donation) (string, error) {
			return StatusFailed, s.fail(tx, cur)
		})
	}
	if d.HostKey == nil {
		return "", nil
	}
	h, err := s.HostByKey(ctx, *d.HostKey)
	if err != nil {
		return "", err
	}
	a, ok, err := s.accountOf(h)
	if err != nil || !ok {
		return "", err
	}
	cs, err := s.Stripe.GetSession(ctx, a, d.CheckoutSessionID)
	if err != nil {
		return "", err
	}
	key := "reconcile:" + cs.ID
	switch {
	case cs.Status == "complete" && d.Frequency == "month":
		return s.settle(ctx, d, key, func(tx *db.Tenant, cur *Donation) (string, error) {
			return StatusActive, s.activate(tx, cur, cs.SubscriptionID)
		})
	case cs.Status == "complete" && (cs.PaymentStatus == "paid" || cs.PaymentStatus == "no_payment_required"):
		return s.settle(ctx, d, key, func(tx *db.Tenant, cur *Donation) (string, error) {
			obj := &stripeObject{ID: cs.ID, Mode: "payment", PaymentStatus: cs.PaymentStatus, AmountTotal: cs.AmountTotal, Currency: cs.Currency}
			if x := mismatch(evCheckoutCompleted, cur, obj); x != nil {
				// as a webhook with these figures would be: held, not credited
				return "", s.hold(tx, key, x)
			}
			_, err := s.succeed(tx, cur, cs.PaymentIntentID)
			return StatusSucceeded, err
		})
	case cs.Status == "expired":
		return s.settle(ctx, d, key, func(tx *db.Tenant, cur *Donation) (string, error) {
			return StatusFailed, s.fail(tx, cur)
		})
	}
	return "", nil
}

// settle applies one reconciliation fix under its synthetic event id, on
// the donation as it is now (a webhook may have settled it meanwhile).
func (s *Service) settle(ctx context.Context, d *Donation, key string, fix func(*db.Tenant, *Donation) (string, error)) (string, error) {
	var to string
	err := s.DB.Scope(d.TenantID).Write(ctx, func(tx *db.Tenant) error {
		to = ""
		fresh, err := recordEvent(tx, key, "reconcile", OutcomeProcessed)
		if err != nil || !fresh {
			return err
		}
		cur, err := donationForUpdate(tx, d.ID)
		if err != nil {
			return err
		}
		if cur.Status != StatusPending {
			return nil
		}
		if to, err = fix(tx, cur); err != nil || to != StatusSucceeded {
			return err
		}
		return s.queueReceipts(tx, []string{d.ID})
	})
	return to, err
}

// ReconcileAfter is how old a pending online donation must be before
// Stripe is asked about it: a donor still on the payment page is not
// disturbed. ReconcileGiveUp is when a donation Stripe still calls open is
// left to the operator's full pass (peduli funds reconcile).
const (
	ReconcileAfter  = 30 * time.Minute
	ReconcileGiveUp = 48 * time.Hour
)

// ReconcileDonation is the job that checks one online donation with Stripe
// once the reconciliation window has passed. It is inserted in the
// transaction that creates the pending donation, so every online gift gets
// exactly one, and it reads only that donation.
type ReconcileDonation struct {
	TenantID   string `json:"tenant_id"`
	DonationID string `json:"donation_id"`
}

// Kind names the job in the queue.
func (ReconcileDonation) Kind() string { return "donation_reconcile" }

// queueReconcile schedules the donation's check for ReconcileAfter from now.
func (s *Service) queueReconcile(tx *db.Tenant, donationID string) error {
	if s.Jobs == nil {
		return nil
	}
	return s.Jobs.EnqueueTx(tx.DB(), ReconcileDonation{TenantID: tx.ID, DonationID: donationID},
		&river.InsertOpts{ScheduledAt: s.Now().Add(ReconcileAfter), UniqueOpts: jobs.Once.UniqueOpts})
}

// ReconcileOne works a ReconcileDonation job: a donation no longer pending
// needs nothing; one Stripe still calls open is checked again a window
// later, until ReconcileGiveUp. A Stripe error fails the job, which River
// retries with backoff.
func (s *Service) ReconcileOne(ctx context.Context, job *river.Job[ReconcileDonation]) error {
	var d Donation
	err := s.DB.Scope(job.Args.TenantID).Read(ctx, func(tx *db.Tenant) error {
		return tx.DB().Where("tenant_id = ? AND id = ?", tx.ID, job.Args.DonationID).Take(&d).Error
	})
	if db.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if d.Status != StatusPending || d.Channel != ChannelOnline {
		return nil
	}
	to, err := s.reconcileOne(ctx, &d)
	if err != nil {
		return fmt.Errorf("reconcile donation: %s", describe(err))
	}
	if to == "" && s.Now().Sub(d.CreatedAt) < ReconcileGiveUp {
		return river.JobSnooze(ReconcileAfter)
	}
	return nil
}
