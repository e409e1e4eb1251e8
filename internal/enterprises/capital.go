package enterprises

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
	"github.com/peduli/peduli/internal/platform/sealed"
	"github.com/peduli/peduli/internal/registry"
)

// Ledger answers, inside the caller's transaction, the amount of an
// expense entry of the group's ledger. The funds feature owns the ledger;
// the app wires this to it.
type Ledger interface {
	ExpenseIn(t *db.Tenant, id string) (int64, error)
}

// Capital is one row of enterprise_capital: assistance given to an
// enterprise out of a ledger expense. Amount is clear only in memory.
type Capital struct {
	TenantID      string `gorm:"primaryKey"`
	ID            string `gorm:"primaryKey"`
	EnterpriseID  string
	LedgerEntryID string
	Kind          string
	Source        string
	AmountSealed  string
	KeyVersion    int
	GivenOn       db.Date
	Note          string
	CreatedBy     *string
	CreatedAt     time.Time
	Amount        int64 `gorm:"-"`
}

// TableName is enterprise_capital.
func (Capital) TableName() string { return "enterprise_capital" }

func capitalAAD(id string) string { return "enterprise_capital.amount:" + id }

// CapitalInput is the body of POST …/enterprises/{id}/capital.
type CapitalInput struct {
	LedgerEntryID string `json:"ledger_entry_id" validate:"required,max=36"`
	Kind          string `json:"kind" validate:"required,oneof=grant in_kind"`
	Source        string `json:"source" validate:"required,oneof=donation partner government other"`
	Amount        int64  `json:"amount" validate:"required,gt=0,lte=1000000000000000"`
	GivenOn       string `json:"given_on" validate:"required,max=10"`
	Note          string `json:"note" validate:"max=2000"`
}

// CapitalView is assistance as the API shows it.
type CapitalView struct {
	ID            string  `json:"id"`
	EnterpriseID  string  `json:"enterprise_id"`
	LedgerEntryID string  `json:"ledger_entry_id"`
	Kind          string  `json:"kind"`
	Source        string  `json:"source"`
	Amount        int64   `json:"amount"`
	GivenOn       db.Date `json:"given_on"`
	Note          string  `json:"note"`
	// Counts says whether the paying expense counts now: assistance is
	// checked against its expense when given, and the rule is checked
	// again at every use, so an expense cancelled or reversed later takes
	// the assistance out of every figure and public view.
	Counts bool `json:"counts"`
}

// GiveCapital records capital assistance to an enterprise, linked to the
// ledger expense that paid for it: never more, over all enterprises it is
// linked to, than the expense itself.
func (s *Service) GiveCapital(ctx context.Context, scope db.Scope, actor audit.Actor, enterpriseID string, in CapitalInput) (*CapitalView, error) {
	if err := httpx.Validate(in); err != nil {
		return nil, err
	}
	on, ok := db.ParseDate(in.GivenOn)
	if !ok {
		return nil, errs.Invalid("given_on", "date", "must be a date in the form YYYY-MM-DD")
	}
	if s.Ledger == nil {
		return nil, errs.Invalid("ledger_entry_id", "exists", "must be an expense of the group's ledger")
	}
	var out *CapitalView
	err := s.Keys.WithCurrent(ctx, scope, func(key registry.Key) error {
		return scope.Write(ctx, func(t *db.Tenant) error {
			e, err := find(t, enterpriseID)
			if err != nil {
				return err
			}
			spent, err := s.Ledger.ExpenseIn(t, in.LedgerEntryID)
			if err != nil {
				return errs.Invalid("ledger_entry_id", "exists", "must be an expense of the group's ledger")
			}
			var linked []Capital
			if err := t.DB().Where("tenant_id = ? AND ledger_entry_id = ?", t.ID, in.LedgerEntryID).Find(&linked).Error; err != nil {
				return err
			}
			total := in.Amount
			for i := range linked {
				v, err := s.openCapital(t, &linked[i])
				if err != nil {
					return err
				}
				total += v
			}
			if total > spent {
				return errs.Invalid("amount", "lte", "the ledger expense does not cover this much assistance")
			}
			if err := s.Keys.Hold(t, key.Version); err != nil {
				return err
			}
			c := &Capital{TenantID: t.ID, ID: db.NewID(), EnterpriseID: e.ID, LedgerEntryID: in.LedgerEntryID, Kind: in.Kind,
				Source: in.Source, KeyVersion: key.Version, GivenOn: on, Note: strings.TrimSpace(in.Note), CreatedAt: s.Now(), Amount: in.Amount}
			c.AmountSealed = sealed.SealString(key.DK, strconv.FormatInt(in.Amount, 10), capitalAAD(c.ID))
			if actor.UserID != "" {
				c.CreatedBy = &actor.UserID
			}
			if err := t.DB().Create(c).Error; err != nil {
				return err
			}
			out = c.view()
			out.Counts = true
			return audit.Record(t, actor, audit.Create, "enterprise_capital", c.ID, "enterprise_id", "ledger_entry_id", "kind", "source", "amount", "given_on")
		})
	})
	return out, err
}

func (c *Capital) view() *CapitalView {
	return &CapitalView{ID: c.ID, EnterpriseID: c.EnterpriseID, LedgerEntryID: c.LedgerEntryID, Kind: c.Kind, Source: c.Source,
		Amount: c.Amount, GivenOn: c.GivenOn, Note: c.Note}
}

// openCapital opens an assistance amount; an unreadable one counts 0.
func (s *Service) openCapital(t *db.Tenant, c *Capital) (int64, error) {
	if c.AmountSealed == "" {
		return 0, nil
	}
	dk, err := s.Keys.Version(t, c.KeyVersion)
	if errors.Is(err, registry.ErrKeyDestroyed) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	str, err := sealed.OpenString(dk, c.AmountSealed, capitalAAD(c.ID))
	if errors.Is(err, sealed.ErrDecrypt) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	v, _ := strconv.ParseInt(str, 10, 64)
	c.Amount = v
	return v, nil
}

// CapitalOf lists an enterprise's assistance: an audited read of what a
// member received.
func (s *Service) CapitalOf(ctx context.Context, scope db.Scope, actor audit.Actor, enterpriseID string) ([]CapitalView, error) {
	out := []CapitalView{}
	err := scope.Write(ctx, func(t *db.Tenant) error {
		e, err := find(t, enterpriseID)
		if err != nil {
			return err
		}
		var rows []Capital
		if err := t.DB().Where("tenant_id = ? AND enterprise_id = ?", t.ID, e.ID).Order("given_on, created_at").Find(&rows).Error; err != nil {
			return err
		}
		counts := map[string]bool{}
		for i := range rows {
			if _, err := s.openCapital(t, &rows[i]); err != nil {
				return err
			}
			v := rows[i].view()
			id := v.LedgerEntryID
			if _, ok := counts[id]; !ok && s.Ledger != nil {
				_, err := s.Ledger.ExpenseIn(t, id)
				if err != nil && !errors.Is(err, errs.ErrNotFound) {
					return err
				}
				counts[id] = err == nil
			}
			v.Counts = counts[id]
			out = append(out, *v)
		}
		return audit.Record(t, actor, audit.ReadPersonal, "beneficiary", e.BeneficiaryID, "enterprise_capital")
	})
	return out, err
}

// resealCapital re-encrypts assistance amounts under next.
func (s *Service) resealCapital(t *db.Tenant, next registry.Key) (int, error) {
	var rows []Capital
	if err := t.DB().Where("tenant_id = ? AND key_version <> ? AND amount_sealed <> ''", t.ID, next.Version).Find(&rows).Error; err != nil {
		return 0, err
	}
	n := 0
	for i := range rows {
		c := &rows[i]
		if _, err := s.Keys.Version(t, c.KeyVersion); errors.Is(err, registry.ErrKeyDestroyed) {
			continue
		}
		v, err := s.openCapital(t, c)
		if err != nil {
			return n, err
		}
		if err := t.DB().Model(&Capital{}).Where("tenant_id = ? AND id = ?", t.ID, c.ID).Updates(map[string]any{
			"amount_sealed": sealed.SealString(next.DK, strconv.FormatInt(v, 10), capitalAAD(c.ID)), "key_version": next.Version}).Error; err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
