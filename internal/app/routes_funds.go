package app

import (
	"crypto/sha256"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/funds"
	"github.com/peduli/peduli/internal/platform/config"
	"github.com/peduli/peduli/internal/platform/sealed"
	"github.com/peduli/peduli/internal/platform/storage"
)

// newFunds builds the money feature: Stripe through the configured API
// base, email when SMTP is configured, and the host secrets sealed under
// the operator's master key.
func (a *App) newFunds(cfg config.Config, master *sealed.Master, files storage.Store, now func() time.Time) error {
	receiptKey := sha256.Sum256([]byte("peduli receipt links v1\x00" + cfg.SecretKey))
	a.Funds = &funds.Service{DB: a.DB, Tenancy: a.Tenancy, Access: a.Access, Master: master,
		Stripe: funds.NewStripe(cfg.StripeSecretKey, cfg.StripeAPIBase), Mailer: a.Mail, Jobs: a.Jobs, Log: a.Log,
		BaseURL: cfg.BaseURL, Files: files, WebhookSecret: cfg.StripeWebhookSecret,
		ReceiptKey: receiptKey[:], Now: now, Programs: a.Programs, Capital: enterpriseCapital{a.Enterprises}}
	return nil
}

// mountFunds mounts the public money routes (group profile, public ledger,
// giving, the Stripe webhook, receipts). The webhook is public: its Stripe
// signature is its credential.
func (a *App) mountFunds(api fiber.Router) {
	h := &funds.Handlers{Service: a.Funds, WebhookOutcome: a.Metrics.Webhook}
	public := []route{
		{method: fiber.MethodGet, path: "/public/groups/:slug", handler: h.PublicGroup},
		{method: fiber.MethodGet, path: "/public/groups/:slug/ledger", handler: h.PublicLedger},
		{method: fiber.MethodPost, path: "/public/groups/:slug/donations", handler: a.limited(h.Give, a.donationLimits()...)},
		{method: fiber.MethodGet, path: "/public/receipts/:token", handler: h.Receipt},
		{method: fiber.MethodPost, path: "/stripe/webhook", handler: h.Webhook},
	}
	for _, r := range public {
		api.Add(r.method, r.path, r.handler)
	}
}

// fundsRoutes is the workspace route table of donations and the ledger.
// Listing donations needs donations:read; donors' emails in it need
// donors:read as well (checked in the handler).
func (a *App) fundsRoutes() []route {
	h := &funds.Handlers{Service: a.Funds}
	return []route{
		{method: fiber.MethodGet, path: "/donations", perm: access.DonationsRead, handler: h.Donations},
		{method: fiber.MethodPost, path: "/donations", perm: access.DonationsWrite, handler: h.RecordDonation},
		{method: fiber.MethodGet, path: "/donations/discrepancies", perm: access.DonationsRead, handler: h.Discrepancies},
		{method: fiber.MethodGet, path: "/donations/yearly", perm: access.DonorsRead, handler: h.YearlySummaries},
		{method: fiber.MethodPost, path: "/donations/yearly/send", perm: access.DonorsRead, handler: h.SendYearlySummaries},
		{method: fiber.MethodGet, path: "/ledger", perm: access.LedgerRead, handler: h.Ledger},
		{method: fiber.MethodPost, path: "/ledger", perm: access.LedgerWrite, handler: h.AddEntry},
		{method: fiber.MethodGet, path: "/ledger/settings", perm: access.LedgerRead, handler: h.Settings},
		{method: fiber.MethodPut, path: "/ledger/settings", perm: access.LedgerThreshold, handler: h.SetSettings},
		{method: fiber.MethodPost, path: "/ledger/settings/confirm", perm: access.SettingsWrite, handler: h.ConfirmSettings},
		{method: fiber.MethodPost, path: "/ledger/:id/reverse", perm: access.LedgerWrite, handler: h.Reverse},
		{method: fiber.MethodPost, path: "/ledger/:id/approve", perm: access.LedgerApprove, handler: h.Approve},
		{method: fiber.MethodGet, path: "/ledger/:id/receipt", perm: access.LedgerRead, handler: h.EntryReceipt},
	}
}
