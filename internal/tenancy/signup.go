package tenancy

import (
	"context"
	"errors"

	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
)

// GroupInput is a new group's profile.
type GroupInput struct {
	Name       string `json:"name" validate:"required,min=3,max=120"`
	Slug       string `json:"slug" validate:"max=50"`
	RegionCode string `json:"region_code" validate:"required,max=20"`
	Village    string `json:"village" validate:"max=120"`
	District   string `json:"district" validate:"max=120"`
	Regency    string `json:"regency" validate:"max=120"`
	Province   string `json:"province" validate:"max=120"`
}

// OwnerInput is the account of the person signing a group up.
type OwnerInput struct {
	Name     string `json:"name" validate:"required,min=2,max=120"`
	Email    string `json:"email" validate:"required,email,max=254"`
	Password string `json:"password" validate:"required,max=1024"`
	Phone    string `json:"phone" validate:"max=20"`
}

// SignupInput is the body of POST /api/v1/signup.
type SignupInput struct {
	Group  GroupInput `json:"group"`
	Owner  OwnerInput `json:"owner"`
	Locale string     `json:"locale" validate:"omitempty,oneof=id en"`
}

// Signup creates a group, its owner and her first session.
func (s *Service) Signup(ctx context.Context, in SignupInput) (*Tenant, *identity.User, string, error) {
	tags := &errs.ValidationError{}
	if err := tags.Also(httpx.Validate(in)); err != nil {
		return nil, nil, "", err
	}
	typed := in.Group.Slug != ""
	if !typed {
		in.Group.Slug = Slugify(in.Group.Name)
	}
	v := &errs.ValidationError{}
	if !ValidSlug(in.Group.Slug) && (typed || !tags.Has("group.name")) {
		v.Add("group.slug", "slug", "must be 3–50 lowercase letters, digits or dashes")
	}
	if msg := identity.CheckPasswordRules(in.Owner.Password); msg != "" {
		v.Add("owner.password", "password", msg)
	}
	region, err := s.Store.Region(ctx, in.Group.RegionCode)
	if errors.Is(err, errs.ErrNotFound) {
		v.Add("group.region_code", "region", "must name a known region")
	} else if err != nil {
		return nil, nil, "", err
	}
	if err := tags.Also(v.Err()); err != nil {
		return nil, nil, "", err
	}
	if err := tags.Err(); err != nil {
		return nil, nil, "", err // every invalid field, tag rules and the group's own
	}
	if err := s.fillPlace(ctx, &in.Group, region); err != nil {
		return nil, nil, "", err
	}
	// The group, its owner's account, her membership and the audit entry
	// are one transaction: a sign-up happens whole or not at all.
	var t *Tenant
	var u *identity.User
	tenantID := db.NewID()
	err = s.Access.ChangeTeam(ctx, s.DB.Scope(tenantID), func(st *db.Tenant, team *access.Team) error {
		var err error
		if t, err = s.createTenant(st.DB(), tenantID, in.Group); err != nil {
			return err
		}
		u, err = s.Identity.CreateUser(st.DB(), identity.NewUser{
			Email: in.Owner.Email, Name: in.Owner.Name, Phone: in.Owner.Phone,
			Password: in.Owner.Password, Locale: in.Locale,
		})
		if err != nil {
			return err
		}
		if err := team.Put(u.ID, access.Owner, ""); err != nil {
			return err
		}
		return audit.Record(st, audit.Actor{UserID: u.ID}, audit.Create, "tenant", t.ID)
	})
	if err != nil {
		return nil, nil, "", err
	}
	// Her address is unverified until she opens the link mailed to it; a
	// mail that cannot be queued is logged, and she can ask for another
	// link from her account page.
	if err := s.Identity.SendVerification(ctx, u); err != nil {
		s.Log.Error("verification mail not queued", "error", err)
	}
	token, err := s.Identity.StartSession(ctx, u.ID)
	return t, u, token, err
}

func (s *Service) createTenant(tx *gorm.DB, id string, g GroupInput) (*Tenant, error) {
	now := s.Now()
	t := &Tenant{
		ID: id, Slug: g.Slug, Name: g.Name, Status: StatusActive, RegionCode: g.RegionCode,
		Village: g.Village, District: g.District, Regency: g.Regency, Province: g.Province,
		CreatedAt: now, UpdatedAt: now,
	}
	if err := tx.Create(t).Error; err != nil {
		if db.IsDuplicate(err) {
			return nil, errs.Conflict("slug_taken", "a group with this address already exists; choose another slug")
		}
		return nil, err
	}
	return t, nil
}

// fillPlace completes village, district, regency and province from the
// region tree where the sign-up left them empty.
func (s *Service) fillPlace(ctx context.Context, g *GroupInput, r *Region) error {
	regions, err := s.regionChain(ctx, r.Code)
	if err != nil {
		return err
	}
	for _, a := range regions {
		var dst *string
		switch a.Level {
		case 1:
			dst = &g.Province
		case 2:
			dst = &g.Regency
		case 3:
			dst = &g.District
		case 4:
			dst = &g.Village
		}
		if dst != nil && *dst == "" {
			*dst = a.Name
		}
	}
	return nil
}

func (s *Service) regionChain(ctx context.Context, code string) ([]Region, error) {
	var out []Region
	err := s.DB.Global(ctx).Where("code IN ?", Ancestors(code)).Find(&out).Error
	return out, err
}
