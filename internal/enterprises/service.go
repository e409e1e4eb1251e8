package enterprises

import (
	"context"
	"strings"
	"time"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/registry"
)

// Service owns members' enterprises and their books.
type Service struct {
	DB *db.DB
	// Keys seal and open book figures with the tenant's data key.
	Keys *registry.Keyring
	// Ledger answers the group ledger's expenses that capital assistance
	// is paid from.
	Ledger Ledger
	Now    func() time.Time
}

// Input is the body of POST …/beneficiaries/{id}/enterprises.
type Input struct {
	Kind      string `json:"kind" validate:"required,max=40"`
	Name      string `json:"name" validate:"required,max=200"`
	StartedOn string `json:"started_on" validate:"required,max=10"`
	Location  string `json:"location" validate:"max=200"`
	Workers   string `json:"workers" validate:"max=200"`
}

// Create records an enterprise a member runs.
func (s *Service) Create(ctx context.Context, scope db.Scope, actor audit.Actor, beneficiaryID string, in Input) (*View, error) {
	if !db.ValidID(beneficiaryID) {
		return nil, errs.ErrNotFound
	}
	now := s.Now()
	e := &Enterprise{TenantID: scope.TenantID(), ID: db.NewID(), BeneficiaryID: beneficiaryID, Kind: strings.TrimSpace(in.Kind),
		Name: strings.TrimSpace(in.Name), Location: strings.TrimSpace(in.Location), Workers: strings.TrimSpace(in.Workers),
		CreatedAt: now, UpdatedAt: now}
	if actor.UserID != "" {
		e.CreatedBy = &actor.UserID
	}
	v := &errs.ValidationError{}
	if d, ok := db.ParseDate(in.StartedOn); !ok {
		v.Add("started_on", "date", "must be a date in the form YYYY-MM-DD")
	} else if d > clock.Today(now, clock.Zone) {
		v.Add("started_on", "past", "must not be in the future")
	} else {
		e.StartedOn = d
	}
	if e.Name == "" {
		v.Add("name", "required", "is required")
	}
	var kind Kind
	err := scope.Write(ctx, func(t *db.Tenant) error {
		if err := registry.Active(t, beneficiaryID); err != nil {
			return err
		}
		if err := t.DB().Where("key = ?", e.Kind).Take(&kind).Error; db.IsNotFound(err) {
			v.Add("kind", "oneof", "must be a kind of the provisioned list")
		} else if err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		if err := t.DB().Create(e).Error; err != nil {
			return err
		}
		return audit.Record(t, actor, audit.Create, "enterprise", e.ID, "kind", "name", "started_on", "location", "workers")
	})
	if err != nil {
		return nil, err
	}
	out := e.view(kind)
	return &out, nil
}

// Enterprises lists a member's enterprises, oldest first. They carry no
// amounts, so the list is not an audited read.
func (s *Service) Enterprises(ctx context.Context, scope db.Scope, beneficiaryID string) ([]View, error) {
	if !db.ValidID(beneficiaryID) {
		return nil, errs.ErrNotFound
	}
	out := []View{}
	err := scope.Read(ctx, func(t *db.Tenant) error {
		if err := registry.Active(t, beneficiaryID); err != nil {
			return err
		}
		var rows []Enterprise
		if err := t.DB().Where("tenant_id = ? AND beneficiary_id = ?", t.ID, beneficiaryID).Order("started_on, id").Find(&rows).Error; err != nil {
			return err
		}
		kinds, err := kindMap(t)
		if err != nil {
			return err
		}
		for i := range rows {
			out = append(out, rows[i].view(kinds[rows[i].Kind]))
		}
		return nil
	})
	return out, err
}

func (e *Enterprise) view(k Kind) View {
	return View{ID: e.ID, BeneficiaryID: e.BeneficiaryID, Kind: e.Kind, KindName: Text{ID: k.NameID, EN: k.NameEN},
		Name: e.Name, StartedOn: e.StartedOn, Location: e.Location, Workers: e.Workers, CreatedAt: e.CreatedAt}
}

func kindMap(t *db.Tenant) (map[string]Kind, error) {
	var rows []Kind
	if err := t.DB().Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make(map[string]Kind, len(rows))
	for _, k := range rows {
		out[k.Key] = k
	}
	return out, nil
}

// find returns the tenant's enterprise with id, of a beneficiary not deleted.
func find(t *db.Tenant, id string) (*Enterprise, error) {
	if !db.ValidID(id) {
		return nil, errs.ErrNotFound
	}
	var e Enterprise
	err := t.DB().Where("tenant_id = ? AND id = ?", t.ID, id).Take(&e).Error
	if db.IsNotFound(err) {
		return nil, errs.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	return &e, registry.Active(t, e.BeneficiaryID)
}
