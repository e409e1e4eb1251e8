package funds

import (
	"context"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
)

// HostInput registers a host (POST /api/v1/admin/hosts).
type HostInput struct {
	Key     string `json:"key" validate:"required,min=3,max=60"`
	Name    string `json:"name" validate:"required,max=200"`
	Default bool   `json:"default"`
	Permit  struct {
		Number     string `json:"number" validate:"required,max=100"`
		Area       string `json:"area" validate:"required,max=200"`
		ValidFrom  string `json:"valid_from" validate:"required,datetime=2006-01-02"`
		ValidUntil string `json:"valid_until" validate:"required,datetime=2006-01-02"`
	} `json:"permit"`
	// StripeAccount is "platform" (the default) or a connected account id.
	StripeAccount string `json:"stripe_account" validate:"omitempty,max=100"`
	// StripeSecretKey and StripeWebhookSecret are the host's own keys; they
	// are stored sealed and never shown again.
	StripeSecretKey     string `json:"stripe_secret_key" validate:"omitempty,max=300"`
	StripeWebhookSecret string `json:"stripe_webhook_secret" validate:"omitempty,max=300"`
}

// HostView is a host as the admin API shows it: never its secrets.
type HostView struct {
	Key           string `json:"key"`
	Name          string `json:"name"`
	Default       bool   `json:"default"`
	StripeAccount string `json:"stripe_account"`
	OwnKeys       bool   `json:"own_keys"`
	Permit        struct {
		Number     string `json:"number"`
		Area       string `json:"area"`
		ValidFrom  string `json:"valid_from"`
		ValidUntil string `json:"valid_until"`
	} `json:"permit"`
}

// View returns the host without secrets.
func (h *Host) View() HostView {
	v := HostView{Key: h.Key, Name: h.Name, Default: h.IsDefault, StripeAccount: h.StripeAccount,
		OwnKeys: len(h.StripeKeyWrapped) > 0}
	v.Permit.Number, v.Permit.Area = h.PermitNumber, h.PermitArea
	v.Permit.ValidFrom, v.Permit.ValidUntil = day(h.ValidFrom), day(h.ValidUntil)
	return v
}

// RegisterHost creates a host.
func (s *Service) RegisterHost(ctx context.Context, in HostInput) (*Host, error) {
	tags := &errs.ValidationError{}
	if err := tags.Also(httpx.Validate(in)); err != nil {
		return nil, err
	}
	v := &errs.ValidationError{}
	key := strings.ToLower(strings.TrimSpace(in.Key))
	if !hostKey(key) {
		v.Add("key", "slug", "must be lowercase letters, digits and hyphens")
	}
	if !tags.Has("permit.valid_from") && !tags.Has("permit.valid_until") && in.Permit.ValidUntil < in.Permit.ValidFrom {
		v.Add("permit.valid_until", "gtefield", "must not be before valid_from")
	}
	if in.StripeAccount == "" {
		in.StripeAccount = platformAccount
	}
	if in.StripeAccount != platformAccount && !strings.HasPrefix(in.StripeAccount, "acct_") {
		v.Add("stripe_account", "oneof", `must be "platform" or a Stripe account id (acct_...)`)
	}
	if in.StripeSecretKey != "" && !strings.HasPrefix(in.StripeSecretKey, "sk_") && !strings.HasPrefix(in.StripeSecretKey, "rk_") {
		v.Add("stripe_secret_key", "prefix", "must be a Stripe secret key (sk_...)")
	}
	if err := tags.Also(v.Err()); err != nil {
		return nil, err
	}
	if err := tags.Err(); err != nil {
		return nil, err // every invalid field, tag rules and the host's own
	}
	now := s.Now()
	h := &Host{Key: key, Name: strings.TrimSpace(in.Name), IsDefault: in.Default, StripeAccount: in.StripeAccount,
		PermitNumber: strings.TrimSpace(in.Permit.Number), PermitArea: strings.TrimSpace(in.Permit.Area),
		ValidFrom: in.Permit.ValidFrom, ValidUntil: in.Permit.ValidUntil, CreatedAt: now, UpdatedAt: now}
	if err := s.sealHostSecrets(h, in.StripeSecretKey, in.StripeWebhookSecret); err != nil {
		return nil, err
	}
	err := s.DB.GlobalTx(ctx, func(tx *gorm.DB) error {
		if h.IsDefault {
			if err := tx.Model(&Host{}).Where("is_default = ?", true).Update("is_default", false).Error; err != nil {
				return err
			}
		}
		return tx.Create(h).Error
	})
	if db.IsDuplicate(err) {
		return nil, errs.Conflict("host_exists", "a host with this key exists")
	}
	return h, err
}

// AttachInput names the group to attach (POST /api/v1/admin/hosts/{key}/groups).
type AttachInput struct {
	Slug string `json:"slug" validate:"required,max=60"`
}

// AttachGroup makes host key receive the online donations of a group.
func (s *Service) AttachGroup(ctx context.Context, adminID, key string, in AttachInput) (*Host, error) {
	if err := httpx.Validate(in); err != nil {
		return nil, err
	}
	h, err := s.HostByKey(ctx, key)
	if err != nil {
		return nil, err
	}
	t, err := s.Tenancy.Store.TenantBySlug(ctx, in.Slug)
	if errors.Is(err, errs.ErrNotFound) {
		return nil, errs.Invalid("slug", "exists", "is not a known group")
	}
	if err != nil {
		return nil, err
	}
	err = s.DB.GlobalTx(ctx, func(tx *gorm.DB) error {
		return attachGroup(tx, GroupHost{TenantID: t.ID, HostKey: h.Key, AttachedBy: &adminID, AttachedAt: time.Now().UTC()})
	})
	return h, err
}

func hostKey(s string) bool {
	if len(s) < 3 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}
