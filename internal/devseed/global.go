package devseed

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/tenancy"
)

// group is one seeded group's global part: the tenant and its team.
type group struct {
	n      int
	tenant tenancy.Tenant
	staff  []identity.User
	roles  []access.Role
}

func (p *plan) user(g *gen, email, name string, at time.Time) identity.User {
	return identity.User{ID: g.id(at), Email: email, Name: name, PasswordHash: p.hash, Locale: "id",
		PasswordChangedAt: at, CreatedAt: at, UpdatedAt: at}
}

// coordinators creates one coordinator for the province and one for each
// regency and city.
func (p *plan) coordinators(ctx context.Context) (int64, error) {
	g := newGen(p.o.Seed, 0)
	at := p.start.AddDate(0, -2, 0)
	var users []identity.User
	regionOf := map[string]string{}
	codes := []string{"53"}
	for _, r := range p.regions {
		if r.Level == 2 {
			codes = append(codes, r.Code)
		}
	}
	for _, code := range codes {
		u := p.user(g, CoordinatorEmail(code), "Koordinator "+p.names[code], at)
		users = append(users, u)
		regionOf[u.ID] = code
	}
	err := p.d.DB.GlobalTx(ctx, func(tx *gorm.DB) error {
		if err := tx.CreateInBatches(users, p.batchSize).Error; err != nil {
			return fmt.Errorf("devseed: coordinators: %w", err)
		}
		return access.InsertCoordinators(tx, regionOf, at)
	})
	return int64(len(users)), err
}

// newGroup builds the n-th group's tenant and team.
func (p *plan) newGroup(n int) group {
	g := newGen(p.o.Seed, groupStream(n))
	r := p.regions[g.intn(len(p.regions))]
	at := p.start.AddDate(0, 0, -30).Add(time.Duration(g.intn(24*60)) * time.Minute)
	t := tenancy.Tenant{ID: g.id(at), Slug: GroupSlug(n), Name: g.groupName(n), Status: tenancy.StatusActive,
		Verified: g.chance(0.8), RegionCode: r.Code, CreatedAt: at, UpdatedAt: at}
	for _, code := range tenancy.Ancestors(r.Code) {
		switch len(tenancy.Ancestors(code)) {
		case 1:
			t.Province = p.names[code]
		case 2:
			t.Regency = p.names[code]
		case 3:
			t.District = p.names[code]
		case 4:
			t.Village = p.names[code]
		}
	}
	if t.Village == "" {
		t.Village = pick(g, villages)
	}
	t.Story = "Kelompok ini mendampingi perempuan kepala keluarga di " + t.Village + "."
	t.StoryEN = "This group supports women heading households in " + t.Village + "."
	out := group{n: n, tenant: t}
	for i := 0; i < p.o.Staff; i++ {
		role := access.Facilitator
		switch {
		case i == 0:
			role = access.Owner
		case i == 1:
			role = access.Admin
		case i == 2:
			role = access.Treasurer
		case g.chance(0.2):
			role = access.Viewer
		}
		ua := at.Add(time.Duration(i) * time.Hour)
		out.staff = append(out.staff, p.user(g, StaffEmail(n, i), g.personName(), ua))
		out.roles = append(out.roles, role)
	}
	return out
}

// chunk seeds groups [from, to): their tenants and users in one global
// transaction, then each group's team and data in its own scope.
func (p *plan) chunk(ctx context.Context, from, to int) (Result, error) {
	var res Result
	groups := make([]group, 0, to-from)
	var tenants []tenancy.Tenant
	var users []identity.User
	var verified []string
	for n := from; n < to; n++ {
		gr := p.newGroup(n)
		groups = append(groups, gr)
		tenants = append(tenants, gr.tenant)
		users = append(users, gr.staff...)
		if gr.tenant.Verified {
			verified = append(verified, gr.tenant.ID)
		}
	}
	err := p.d.DB.GlobalTx(ctx, func(tx *gorm.DB) error {
		if err := tx.CreateInBatches(tenants, p.batchSize).Error; err != nil {
			return err
		}
		if len(verified) > 0 {
			// A verified group shows its coordinator's decision as verified.
			if err := tx.Table("tenants").Where("id IN ?", verified).
				Update("verification_status", "verified").Error; err != nil {
				return err
			}
		}
		return tx.CreateInBatches(users, p.batchSize).Error
	})
	if err != nil {
		return res, fmt.Errorf("devseed: groups %d–%d: %w", from, to-1, err)
	}
	res.Users = int64(len(users))
	res.Rows = int64(len(tenants) + len(users))
	for _, gr := range groups {
		r, err := p.groupData(ctx, gr)
		if err != nil {
			return res, fmt.Errorf("devseed: group %s: %w", gr.tenant.Slug, err)
		}
		res.Beneficiaries += r.Beneficiaries
		res.Rows += r.Rows
	}
	return res, nil
}
