// Package funds is money: donation hosts, online gifts through Stripe
// Checkout, webhooks processed exactly once, reconciliation with Stripe,
// gifts recorded by hand, the append-only ledger, receipts and the public
// view of where the money went.
//
// How a gift is never lost or counted twice:
//
//   - Give commits the pending donation before it calls Stripe, with an
//     idempotency key derived from the donation id; if Stripe does not
//     answer, the donor gets 503 and the row stays for reconciliation.
//   - The webhook is a cross-tenant entry point. After the signature check
//     it looks the event's donation id (client_reference_id / metadata) or a
//     Stripe id we recorded (session, subscription, payment intent) up in
//     donation_routes, a global table of opaque ids → tenant that holds no
//     personal data and is written only by this package. All work then runs
//     in that tenant's db.Scope, where row-level security confines it: a
//     forged or wrong route can at worst find nothing. Only signed events
//     reach the lookup.
//   - The event id is inserted (ON CONFLICT DO NOTHING) in the same
//     transaction as its effects; a copy that finds it does nothing and
//     answers 200. The donation row is locked, states only move forward, and
//     automatic ledger rows carry a unique source key ("gift:<id>",
//     "refund:<id>"), so different events about one gift, in any order,
//     converge. Reconciliation uses the same discipline under
//     "reconcile:<session>".
//   - Receipt numbers come from a per-host, per-year counter row bumped in
//     the same transaction, so they have no gaps.
package funds

import (
	"log/slog"
	"time"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/jobs"
	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/i18n"
	"github.com/peduli/peduli/internal/platform/mail"
	"github.com/peduli/peduli/internal/platform/sealed"
	"github.com/peduli/peduli/internal/platform/storage"
	"github.com/peduli/peduli/internal/programs"
	"github.com/peduli/peduli/internal/tenancy"
)

// Gift limits for online donations, in IDR minor units (Rp 1 = 100): below
// Rp 10.000 the card fee eats the gift; above Rp 100.000.000 a gift should
// come by bank transfer with a conversation first.
const (
	MinOnlineAmount int64 = 10_000_00
	MaxOnlineAmount int64 = 100_000_000_00
	// MaxManualAmount bounds hand-recorded gifts and ledger entries
	// (Rp 10 billion), against typos of many zeros.
	MaxManualAmount int64 = 10_000_000_000_00
	// Currency is the only currency the ledger keeps.
	Currency = "idr"
	// OperatingCostCategory is the expense category counted against the
	// 10 % cap on operating costs of public fundraising.
	OperatingCostCategory = "operasional"
	// OperatingCostCapPercent is the cap set by Permensos 8/2021.
	OperatingCostCapPercent = 10
)

// Donation statuses.
const (
	StatusPending   = "pending"
	StatusSucceeded = "succeeded"
	StatusFailed    = "failed"
	StatusRefunded  = "refunded"
	// StatusActive is a monthly gift whose subscription runs; each paid
	// invoice becomes its own succeeded donation.
	StatusActive = "active"
)

// Donation channels.
const (
	ChannelOnline   = "online"
	ChannelCash     = "cash"
	ChannelTransfer = "transfer"
	ChannelInKind   = "in_kind"
)

// Service owns the rules of money.
type Service struct {
	DB      *db.DB
	Tenancy *tenancy.Service
	Access  *access.Enforcer
	Master  *sealed.Master
	Stripe  *Stripe
	Mailer  mail.Sender // nil when PEDULI_SMTP_URL is not set
	Jobs    *jobs.Runner
	Texts   *i18n.Catalogue
	Log     *slog.Logger
	BaseURL string
	// Files keeps receipt photos and scans (a local directory or a bucket).
	Files storage.Store
	// WebhookSecret is the platform's Stripe webhook signing secret.
	WebhookSecret string
	// ReceiptKey keys the receipt-link tokens (see receiptToken).
	ReceiptKey []byte
	Now        func() time.Time
	// Programs answers whether an earmark names one of the group's
	// programs; the programs feature owns that table.
	Programs ProgramDirectory
	// Capital answers the capital assistance given to members'
	// enterprises out of ledger expenses (nil: none shown).
	Capital CapitalSource
}

// ProgramDirectory is what funds asks the programs feature, inside the
// caller's tenant transaction.
type ProgramDirectory interface {
	// HasProgram reports whether id is one of the tenant's programs.
	HasProgram(t *db.Tenant, id string) (bool, error)
	// ProgramNames maps the tenant's program ids to their names.
	ProgramNames(t *db.Tenant) (map[string]string, error)
	// ActivePrograms lists the tenant's active programs by name.
	ActivePrograms(t *db.Tenant) ([]programs.ProgramSummary, error)
}

func nowUTC() time.Time { return time.Now().UTC() }

// today returns the group's current day as YYYY-MM-DD: a permit is valid by
// the local calendar, and a day begins there, not in UTC.
func (s *Service) today() string { return string(clock.Today(s.Now(), clock.Zone)) }

const dateLayout = "2006-01-02"
