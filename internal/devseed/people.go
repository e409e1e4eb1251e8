package devseed

import (
	"fmt"
	"strings"
	"time"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/registry"
)

// person is the input for one beneficiary, as a facilitator would type it.
func (p *plan) person(g *gen, region string, i int, seen map[string]bool) registry.Input {
	digits := strings.ReplaceAll(region, ".", "")
	for len(digits) < 6 {
		digits += fmt.Sprintf("%02d", 1+g.intn(20))
	}
	digits = digits[:6]
	var nik string
	for {
		year := 1958 + g.intn(47)
		month, day := 1+g.intn(12), 1+g.intn(28)
		nik = fmt.Sprintf("%s%02d%02d%02d%04d", digits, day+40, month, year%100, 1+(i+g.intn(50))%9999)
		if !seen[nik] {
			seen[nik] = true
			break
		}
	}
	name := g.personName()
	kk := digits + g.digits(10)
	phone := "+6281" + g.digits(9)
	address := fmt.Sprintf("RT %03d/RW %03d, Dusun %d", 1+g.intn(20), 1+g.intn(8), 1+g.intn(5))
	village := pick(g, villages)
	marital := pick(g, []string{"married", "married", "widowed", "divorced", "abandoned", "single"})
	head := marital != "married" || g.chance(0.2)
	deps := g.intn(6)
	edu := pick(g, []string{"none", "primary", "primary", "junior", "senior", "higher"})
	occ := pick(g, occupations)
	income := int64(150_000+g.intn(24)*50_000) * 100
	in := registry.Input{Name: &name, NIK: &nik, KKNumber: &kk, Phone: &phone, Address: &address,
		Village: &village, MaritalStatus: &marital, HouseholdHead: &head, Dependents: &deps,
		Education: &edu, Occupation: &occ, MonthlyIncome: &income}
	if g.chance(0.05) {
		yes := true
		in.Disability = &yes
	}
	// Most consent to services and reporting; some also to sharing, a few
	// only to services, and a few have not been asked yet.
	switch x := g.intn(100); {
	case x < 78:
		in.Consent = &registry.ConsentInput{Purposes: []string{registry.PurposeServices, registry.PurposeReporting}}
	case x < 88:
		in.Consent = &registry.ConsentInput{Purposes: registry.Purposes}
	case x < 96:
		in.Consent = &registry.ConsentInput{Purposes: []string{registry.PurposeServices}}
	}
	return in
}

// people builds the group's beneficiaries, sealed under key.
func (p *plan) people(g *gen, gr group, key registry.Key, writers []audit.Actor) ([]registry.Prepared, error) {
	out := make([]registry.Prepared, 0, p.o.Beneficiaries)
	seen := map[string]bool{}
	span := int(p.o.Until.Sub(p.start).Hours()/24) - 60
	for i := 0; i < p.o.Beneficiaries; i++ {
		in := p.person(g, gr.tenant.RegionCode, i, seen)
		// Most were registered in the first weeks, the rest over the year.
		day := g.intn(30)
		if g.chance(0.3) && span > 0 {
			day = g.intn(span)
		}
		at := p.start.AddDate(0, 0, day).Add(time.Duration(8*60+g.intn(9*60)) * time.Minute)
		pr, err := p.d.Registry.Prepare(gr.tenant.ID, g.id(at), g.id(at), g.id(at), key, pick(g, writers), in, at)
		if err != nil {
			return nil, err
		}
		out = append(out, pr)
	}
	return out, nil
}
