package funds

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/sealed"
)

// platformAccount names a host that uses the platform's Stripe keys.
const platformAccount = "platform"

// HostByKey returns the host with key.
func (s *Service) HostByKey(ctx context.Context, key string) (*Host, error) {
	var h Host
	if err := s.DB.Global(ctx).Where("key = ?", key).Take(&h).Error; err != nil {
		if db.IsNotFound(err) {
			return nil, errs.ErrNotFound
		}
		return nil, err
	}
	return &h, nil
}

// Hosts lists every host, the default first.
func (s *Service) Hosts(ctx context.Context) ([]Host, error) {
	var out []Host
	err := s.DB.Global(ctx).Order("is_default DESC, key").Find(&out).Error
	return out, err
}

// HostOf returns the host that receives a group's online donations: the
// one it is attached to, else the default host; nil when neither exists.
func (s *Service) HostOf(ctx context.Context, tenantID string) (*Host, error) {
	var gh GroupHost
	err := s.DB.Global(ctx).Where("tenant_id = ?", tenantID).Take(&gh).Error
	switch {
	case err == nil:
		return s.HostByKey(ctx, gh.HostKey)
	case !db.IsNotFound(err):
		return nil, err
	}
	var h Host
	err = s.DB.Global(ctx).Where("is_default = ?", true).Take(&h).Error
	if db.IsNotFound(err) {
		return nil, nil
	}
	return &h, err
}

// hostAAD binds a host's sealed secrets to the host, so a sealed value
// copied onto another host's row does not open.
func hostAAD(key string) []byte { return []byte("host:" + key) }

// sealHostSecrets seals a host's own Stripe secret key and webhook secret
// under a fresh data key wrapped by the operator's master key.
func (s *Service) sealHostSecrets(h *Host, secretKey, webhookSecret string) error {
	if secretKey == "" && webhookSecret == "" {
		return nil
	}
	if s.Master == nil {
		return errors.New("funds: no master key to seal host secrets")
	}
	dek, wrapped, err := s.Master.NewDataKey(hostAAD(h.Key))
	if err != nil {
		return err
	}
	h.StripeKeyWrapped = wrapped
	h.StripeSecretSealed = sealed.SealString(dek, secretKey, "stripe_secret:"+h.Key)
	h.WebhookSecretSealed = sealed.SealString(dek, webhookSecret, "webhook_secret:"+h.Key)
	return nil
}

// openHostSecrets returns a host's own Stripe secret key and webhook
// secret, both empty for a host on the platform's keys.
func (s *Service) openHostSecrets(h *Host) (secretKey, webhookSecret string, err error) {
	if len(h.StripeKeyWrapped) == 0 || s.Master == nil {
		return "", "", nil
	}
	dek, err := s.Master.Unwrap(h.StripeKeyWrapped, hostAAD(h.Key))
	if err != nil {
		return "", "", err
	}
	if secretKey, err = sealed.OpenString(dek, h.StripeSecretSealed, "stripe_secret:"+h.Key); err != nil {
		return "", "", err
	}
	webhookSecret, err = sealed.OpenString(dek, h.WebhookSecretSealed, "webhook_secret:"+h.Key)
	return secretKey, webhookSecret, err
}

// accountOf returns how to reach Stripe for host h: its own key, or the
// platform key (acting on h's connected account when it names one). ok is
// false when no key is configured at all.
func (s *Service) accountOf(h *Host) (account, bool, error) {
	own, _, err := s.openHostSecrets(h)
	if err != nil {
		return account{}, false, err
	}
	if own != "" {
		return account{key: own}, true, nil
	}
	if s.Stripe == nil || s.Stripe.PlatformKey == "" {
		return account{}, false, nil
	}
	a := account{key: s.Stripe.PlatformKey}
	if h.StripeAccount != platformAccount && h.StripeAccount != "" {
		a.connected = h.StripeAccount
	}
	return a, true, nil
}

// webhookSecrets lists every secret a Stripe event may be signed with: the
// platform's, then each host's own.
func (s *Service) webhookSecrets(ctx context.Context) ([]string, error) {
	var out []string
	if s.WebhookSecret != "" {
		out = append(out, s.WebhookSecret)
	}
	var hosts []Host
	if err := s.DB.Global(ctx).Where("webhook_secret_sealed <> ''").Find(&hosts).Error; err != nil {
		return nil, err
	}
	for i := range hosts {
		_, wh, err := s.openHostSecrets(&hosts[i])
		if err != nil {
			s.Log.Error("cannot open a host's webhook secret", "host", hosts[i].Key)
			continue
		}
		if wh != "" {
			out = append(out, wh)
		}
	}
	return out, nil
}

// attachGroup points a group at a host in tx (upsert).
func attachGroup(tx *gorm.DB, gh GroupHost) error {
	res := tx.Model(&GroupHost{}).Where("tenant_id = ?", gh.TenantID).
		Updates(map[string]any{"host_key": gh.HostKey, "attached_by": gh.AttachedBy, "attached_at": gh.AttachedAt})
	if res.Error != nil || res.RowsAffected > 0 {
		return res.Error
	}
	return tx.Create(&gh).Error
}

// AttachedHosts maps each of the groups tenantIDs that is attached to a
// host by name (tenant id → host key); groups missing from it give to the
// default host.
func (s *Service) AttachedHosts(ctx context.Context, tenantIDs []string) (map[string]string, error) {
	var rows []GroupHost
	if len(tenantIDs) == 0 {
		return map[string]string{}, nil
	}
	if err := s.DB.Global(ctx).Where("tenant_id IN ?", tenantIDs).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("funds: attached hosts: %w", err)
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[r.TenantID] = r.HostKey
	}
	return out, nil
}
