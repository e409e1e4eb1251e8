package provision_test

import (
	"testing"

	"github.com/peduli/peduli/internal/provision"
	"github.com/peduli/peduli/tenants"
)

// loadShipped loads the tenants directory embedded in the binary.
func loadShipped(t *testing.T) *provision.Bundle {
	t.Helper()
	b, err := provision.Load(tenants.FS)
	if err != nil {
		t.Fatalf("shipped tenants directory does not load:\n%v", err)
	}
	return b
}

func TestShippedRegions(t *testing.T) {
	b := loadShipped(t)

	levels := map[int]int{}
	for _, r := range b.Regions {
		levels[r.Level()]++
	}
	if levels[provision.LevelProvince] != 1 || levels[provision.LevelRegency] != 22 {
		t.Errorf("want 1 province and 22 regencies/cities, got %d and %d", levels[1], levels[2])
	}

	// Penfui Timur's chain must reach the province through real regions.
	chain := []struct{ code, name string }{
		{"53.01.08.2011", "Penfui Timur"},
		{"53.01.08", "Kupang Tengah"},
		{"53.01", "Kabupaten Kupang"},
		{"53", "Nusa Tenggara Timur"},
	}
	for i, want := range chain {
		r, ok := b.Region(want.code)
		if !ok {
			t.Fatalf("region %s is missing", want.code)
		}
		if r.Name != want.name || r.Level() != 4-i {
			t.Errorf("region %s: got %q at level %d, want %q at level %d", want.code, r.Name, r.Level(), want.name, 4-i)
		}
		wantParent := ""
		if i+1 < len(chain) {
			wantParent = chain[i+1].code
		}
		if r.Parent() != wantParent {
			t.Errorf("region %s: parent %q, want %q", want.code, r.Parent(), wantParent)
		}
	}
}

func TestShippedWages(t *testing.T) {
	b := loadShipped(t)
	tests := []struct {
		code string
		year int
		want int64
		own  bool // the region carries the wage itself rather than inheriting it
	}{
		{"53", 2026, 245589800, true},
		{"53", 2025, 232896900, true},
		{"53.71", 2026, 253285300, true},
		{"53.71", 2025, 239669700, true},
		{"53.01", 2026, 245589800, true},
		{"53.21", 2026, 245589800, true},
		{"53.01.08.2011", 2026, 245589800, false}, // Penfui Timur follows Kabupaten Kupang
		{"53.71.04", 2026, 253285300, false},      // Oebobo follows Kota Kupang
	}
	for _, tt := range tests {
		got, ok := b.MinimumWage(tt.code, tt.year)
		if !ok || got != tt.want {
			t.Errorf("MinimumWage(%s, %d) = %d, %v; want %d", tt.code, tt.year, got, ok, tt.want)
		}
		r, _ := b.Region(tt.code)
		if _, own := r.Wage(tt.year); own != tt.own {
			t.Errorf("region %s has its own %d wage: %v, want %v", tt.code, tt.year, own, tt.own)
		}
	}
	for _, r := range b.Regions {
		if r.Level() == provision.LevelRegency {
			if _, ok := r.Wage(2026); !ok {
				t.Errorf("regency %s has no 2026 wage", r.Code)
			}
		}
	}
}

func TestShippedTemplates(t *testing.T) {
	b := loadShipped(t)
	if len(b.Templates) < 4 {
		t.Fatalf("want at least 4 templates, got %d", len(b.Templates))
	}
	for _, key := range []string{"tenun-ikat", "olahan-kelor", "simpan-pinjam", "kebun-gizi"} {
		tpl, ok := b.Template(key)
		if !ok {
			t.Errorf("template %s is missing", key)
			continue
		}
		if len(tpl.Activities) < 3 || len(tpl.Activities) > 6 {
			t.Errorf("template %s: %d activities, want 3-6", key, len(tpl.Activities))
		}
		if len(tpl.Indicators) < 2 || len(tpl.Indicators) > 5 {
			t.Errorf("template %s: %d indicators, want 2-5", key, len(tpl.Indicators))
		}
		income, hasIncome := tpl.IncomeIndicator()
		if key != "simpan-pinjam" && (!hasIncome || income.Unit != "IDR") {
			t.Errorf("template %s: want an IDR income indicator", key)
		}
	}
	if tpl, _ := b.Template("tenun-ikat"); !tpl.KUBE || tpl.GraduationPeriods != 3 {
		t.Errorf("tenun-ikat: kube %v, graduation_periods %d; want true, 3", tpl.KUBE, tpl.GraduationPeriods)
	}
}

func TestShippedGroup(t *testing.T) {
	b := loadShipped(t)
	var group *provision.Group
	for i := range b.Groups {
		if b.Groups[i].Slug == "rindu-sejahtera" {
			group = &b.Groups[i]
		}
	}
	if group == nil {
		t.Fatal("group rindu-sejahtera is missing")
	}
	if group.RegionCode != "53.01.08.2011" || !group.Verified {
		t.Errorf("rindu-sejahtera: region %s, verified %v", group.RegionCode, group.Verified)
	}
	host, ok := b.DefaultHost()
	if !ok {
		t.Fatal("no default host")
	}
	if group.Host != host.Key {
		t.Errorf("rindu-sejahtera: host %q, want the default host %q", group.Host, host.Key)
	}
	if host.StripeAccount != provision.PlatformAccount || host.Permit.Area != "Nusa Tenggara Timur" {
		t.Errorf("default host: stripe_account %q, permit area %q", host.StripeAccount, host.Permit.Area)
	}
}
