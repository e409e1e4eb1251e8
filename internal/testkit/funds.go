package testkit

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stripe/stripe-go/v76/webhook"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/funds"
	"github.com/peduli/peduli/internal/platform/config"
)

// Stripe settings every funds test runs with.
const (
	StripeSecretKey     = "sk_test_peduliFixture123"
	StripeWebhookSecret = "whsec_test_peduli_fixture"
)

// WithStripe points the App at a Stripe API (stripe-mock or a stub) with
// the test keys.
func WithStripe(apiBase string) func(*config.Config) {
	return func(c *config.Config) {
		c.StripeSecretKey, c.StripeWebhookSecret, c.StripeAPIBase = StripeSecretKey, StripeWebhookSecret, apiBase
	}
}

// RunStripe runs fn once per dialect with the App talking to stripe-mock.
func RunStripe(t *testing.T, fn func(t *testing.T, e *Env)) {
	t.Helper()
	RunWith(t, func(t testing.TB) []func(*config.Config) {
		return []func(*config.Config){WithStripe(StripeMockURL(t))}
	}, fn)
}

// RunWith runs fn once per dialect on an App built with the options opts
// returns (called inside each subtest).
func RunWith(t *testing.T, opts func(t testing.TB) []func(*config.Config), fn func(t *testing.T, e *Env)) {
	t.Helper()
	for _, d := range Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			fn(t, New(t, d, opts(t)...))
		})
	}
}

// SignEvent signs a webhook payload the way Stripe does, at time at.
func SignEvent(payload []byte, at time.Time) string {
	return webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{
		Payload: payload, Secret: StripeWebhookSecret, Timestamp: at}).Header
}

// DeliverEvent posts a Stripe event to the webhook with a signature header
// (empty header = unsigned).
func (e *Env) DeliverEvent(payload []byte, header string) *Response {
	e.T.Helper()
	req := httptest.NewRequest(http.MethodPost, "/api/v1/stripe/webhook", bytes.NewReader(payload))
	req.Header.Set("Content-Type", "application/json")
	if header != "" {
		req.Header.Set("Stripe-Signature", header)
	}
	return e.Send(req)
}

// StripeEvent builds an event payload of type typ around object.
func StripeEvent(id, typ string, object map[string]any) []byte {
	b, _ := json.Marshal(map[string]any{
		"id": id, "object": "event", "type": typ, "api_version": "2023-10-16", "created": time.Now().Unix(),
		"livemode": false, "data": map[string]any{"object": object},
	})
	return b
}

// ProvisionedGroup returns a group from the tenants directory (such as
// rindu-sejahtera) with a new owner, so tests can act in it over HTTP.
func (e *Env) ProvisionedGroup(slug string) *Group {
	e.T.Helper()
	t, err := e.App.Tenancy.Store.TenantBySlug(context.Background(), slug)
	if err != nil {
		e.T.Fatalf("group %s: %v", slug, err)
	}
	owner := e.Stranger()
	if err := e.App.Access.SetRole(owner.UserID, t.ID, access.Owner); err != nil {
		e.T.Fatalf("owner: %v", err)
	}
	return &Group{Slug: slug, TenantID: t.ID, OwnerID: owner.UserID, OwnerEmail: owner.Email, OwnerToken: owner.Token}
}

// VerifyGroup marks a signed-up group verified, as its coordinator would.
func (e *Env) VerifyGroup(g *Group) {
	e.T.Helper()
	if err := e.Owner.Global(context.Background()).Exec("UPDATE tenants SET verified = ? WHERE id = ?", true, g.TenantID).Error; err != nil {
		e.T.Fatalf("verify: %v", err)
	}
}

// CountRows counts a tenant table's rows of one tenant (as the schema
// owner, so row-level security does not hide them); tenantID "" counts all.
func (e *Env) CountRows(table, tenantID string) int64 {
	e.T.Helper()
	var n int64
	q := e.Owner.Global(context.Background()).Table(table)
	if tenantID != "" {
		q = q.Where("tenant_id = ?", tenantID)
	}
	if err := q.Count(&n).Error; err != nil {
		e.T.Fatalf("count %s: %v", table, err)
	}
	return n
}

// LedgerExpenseWithReceipt writes, as token, an expense above the default
// approval threshold with a PDF receipt through the API and returns its id.
func (e *Env) LedgerExpenseWithReceipt(g *Group, token string) string {
	e.T.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for _, kv := range [][2]string{{"kind", "expense"}, {"amount", "150000000"}, {"currency", "idr"},
		{"category", "bahan"}, {"occurred_on", "2026-03-04"}, {"note", "benang"}} {
		_ = w.WriteField(kv[0], kv[1])
	}
	fw, _ := w.CreateFormFile("receipt", "nota.pdf")
	_, _ = fw.Write(append([]byte("%PDF-1.4\n"), make([]byte, 64)...))
	_ = w.Close()
	req := httptest.NewRequest(http.MethodPost, "/api/v1/t/"+g.Slug+"/ledger", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	return Str(e.Send(req).Expect(http.StatusCreated).Map(), "id")
}

// CashGift records a cash gift in g through the API and returns the answer.
func (e *Env) CashGift(g *Group, token string, amount int64) map[string]any {
	e.T.Helper()
	return e.Do(http.MethodPost, "/api/v1/t/"+g.Slug+"/donations", token, map[string]any{
		"amount": amount, "currency": "idr", "method": "cash", "received_on": "2026-03-02",
		"donor": map[string]any{"name": "Ibu Donatur"}}).Expect(http.StatusCreated).Map()
}

func init() {
	RegisterSeed("/api/v1/t/{slug}/ledger/{id}", func(e *Env, g *Group, _ map[string]string) string {
		return e.LedgerExpenseWithReceipt(g, g.OwnerToken)
	})
	RegisterSeed("/api/v1/public/receipts/{token}", func(e *Env, g *Group, _ map[string]string) string {
		u := Str(e.CashGift(g, g.OwnerToken, 1500000), "receipt_url")
		return u[strings.LastIndexByte(u, '/')+1:]
	})
	RegisterSeed("/api/v1/admin/hosts/{key}", func(e *Env, g *Group, _ map[string]string) string {
		key := Unique("yayasan")
		in := funds.HostInput{Key: key, Name: "Yayasan " + key}
		in.Permit.Number, in.Permit.Area = "460/0002/PUB/2026", "Nusa Tenggara Timur"
		in.Permit.ValidFrom, in.Permit.ValidUntil = "2026-01-01", "2027-12-31"
		if _, err := e.App.Funds.RegisterHost(context.Background(), in); err != nil {
			e.T.Fatalf("host: %v", err)
		}
		return key
	})
}
