package provision_test

import (
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/peduli/peduli/internal/provision"
)

// validFS is a small tenants directory that loads; each broken case below
// changes one or two files of it.
func validFS() fstest.MapFS {
	return fstest.MapFS{
		"regions.yaml": file(`
regions:
  - {code: "53", name: Nusa Tenggara Timur, wages: [{year: 2026, amount: 245589800}]}
  - {code: "53.01", name: Kabupaten Kupang}
  - {code: "53.01.08", name: Kupang Tengah}
  - {code: "53.01.08.2011", name: Penfui Timur}
`),
		"hosts.yaml": file(`
hosts:
  - key: yayasan-a
    name: Yayasan A
    default: true
    stripe_account: platform
    permit: {number: "460/1/PUB/2026", area: NTT, valid_from: 2026-01-01, valid_until: 2026-12-31}
`),
		"program-templates/tenun.yaml": file(template("tenun", 1)),
		"groups/kelompok-a.yaml": file(`
slug: kelompok-a
name: Kelompok A
region_code: "53.01.08.2011"
village: Penfui Timur
host: yayasan-a
programs: [tenun]
`),
	}
}

// template returns a valid template file with the given key and version.
func template(key string, version int) string {
	return strings.NewReplacer("KEY", key, "VERSION", strconv.Itoa(version)).Replace(`
key: KEY
version: VERSION
category: kube
kube: true
graduation_periods: 3
name: {id: Tenun, en: Weaving}
activities:
  - {key: pelatihan, name: {id: Pelatihan, en: Training}}
indicators:
  - {key: monthly_income, name: {id: Pendapatan, en: Income}, unit: IDR, direction: up, income: true}
`)
}

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

func TestLoadValid(t *testing.T) {
	tests := []struct {
		name   string
		change func(fstest.MapFS)
	}{
		{"full directory", func(fstest.MapFS) {}},
		{"no hosts, templates or groups", func(m fstest.MapFS) {
			delete(m, "hosts.yaml")
			delete(m, "program-templates/tenun.yaml")
			delete(m, "groups/kelompok-a.yaml")
		}},
		{"group without a host uses the default", func(m fstest.MapFS) {
			m["groups/kelompok-a.yaml"] = file("slug: kelompok-a\nname: A\nregion_code: \"53.01\"\n")
		}},
		{"other files in a folder are ignored", func(m fstest.MapFS) {
			m["groups/README.md"] = file("# groups\n")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := validFS()
			tt.change(fsys)
			if _, err := provision.Load(fsys); err != nil {
				t.Fatalf("Load: %v", err)
			}
		})
	}
}

func TestLoadBroken(t *testing.T) {
	tests := []struct {
		name   string
		change func(fstest.MapFS)
		want   []string // every fragment must appear in the error
	}{
		{"unknown field", func(m fstest.MapFS) {
			m["program-templates/tenun.yaml"] = file(template("tenun", 1) + "colour: red\n")
		}, []string{"program-templates/tenun.yaml", "field colour not found"}},
		{"bad region code", func(m fstest.MapFS) {
			m["regions.yaml"] = file("regions:\n  - {code: \"53\", name: NTT}\n  - {code: \"53.1\", name: Kupang}\n")
		}, []string{"regions.yaml", `"53.1": malformed code`}},
		{"missing parent", func(m fstest.MapFS) {
			m["regions.yaml"] = file("regions:\n  - {code: \"53\", name: NTT}\n  - {code: \"53.01.08\", name: Kupang Tengah}\n")
			delete(m, "groups/kelompok-a.yaml")
		}, []string{"region 53.01.08: parent 53.01 is missing"}},
		{"parent listed after child", func(m fstest.MapFS) {
			m["regions.yaml"] = file("regions:\n  - {code: \"53.01\", name: Kupang}\n  - {code: \"53\", name: NTT}\n")
			delete(m, "groups/kelompok-a.yaml")
		}, []string{"region 53.01: parent 53 must be listed before it"}},
		{"duplicate region", func(m fstest.MapFS) {
			m["regions.yaml"] = file("regions:\n  - {code: \"53\", name: NTT}\n  - {code: \"53\", name: NTT}\n")
			delete(m, "groups/kelompok-a.yaml")
		}, []string{"region 53: listed more than once"}},
		{"duplicate wage year", func(m fstest.MapFS) {
			m["regions.yaml"] = file("regions:\n  - {code: \"53\", name: NTT, wages: [{year: 2026, amount: 1}, {year: 2026, amount: 2}]}\n")
			delete(m, "groups/kelompok-a.yaml")
		}, []string{"region 53: wage for 2026 is given more than once"}},
		{"duplicate template version", func(m fstest.MapFS) {
			m["program-templates/tenun-copy.yaml"] = file(template("tenun", 1))
		}, []string{"program-templates/tenun.yaml: template tenun v1: version 1 is defined twice (also in program-templates/tenun-copy.yaml)"}},
		{"template bad key, category, unit and direction", func(m fstest.MapFS) {
			m["program-templates/tenun.yaml"] = file(strings.NewReplacer(
				"key: tenun", "key: Tenun_Ikat", "category: kube", "category: craft",
				"unit: IDR", "unit: USD", "direction: up", "direction: sideways",
			).Replace(template("tenun", 1)))
			delete(m, "groups/kelompok-a.yaml")
		}, []string{`key "Tenun_Ikat"`, `category "craft"`, `unit "USD"`, `direction "sideways"`}},
		{"template version zero", func(m fstest.MapFS) {
			m["program-templates/tenun.yaml"] = file(template("tenun", 0))
		}, []string{"version must be 1 or more"}},
		{"two income indicators", func(m fstest.MapFS) {
			m["program-templates/tenun.yaml"] = file(template("tenun", 1) +
				"  - {key: other_income, name: {id: Lain, en: Other}, unit: IDR, direction: up, income: true}\n")
		}, []string{"2 indicators are marked income"}},
		{"duplicate activity and missing English name", func(m fstest.MapFS) {
			m["program-templates/tenun.yaml"] = file(strings.Replace(template("tenun", 1), "indicators:",
				"  - {key: pelatihan, name: {id: Pelatihan lagi}}\nindicators:", 1))
		}, []string{"activity pelatihan is listed more than once", "activity pelatihan: name needs both id and en"}},
		{"unknown host", func(m fstest.MapFS) {
			m["groups/kelompok-a.yaml"] = file("slug: kelompok-a\nname: A\nregion_code: \"53\"\nhost: nobody\n")
		}, []string{"groups/kelompok-a.yaml: group kelompok-a: unknown host \"nobody\""}},
		{"unknown region and program", func(m fstest.MapFS) {
			m["groups/kelompok-a.yaml"] = file("slug: kelompok-a\nname: A\nregion_code: \"53.99\"\nprograms: [kelor]\n")
		}, []string{`unknown region "53.99"`, `unknown program template "kelor"`}},
		{"place name disagrees with region", func(m fstest.MapFS) {
			m["groups/kelompok-a.yaml"] = file("slug: kelompok-a\nname: A\nregion_code: \"53.01.08.2011\"\ndistrict: Kupang Barat\n")
		}, []string{`district is "Kupang Barat" but region 53.01.08 is "Kupang Tengah"`}},
		{"bad slug", func(m fstest.MapFS) {
			m["groups/kelompok-a.yaml"] = file("slug: Kelompok_A\nname: A\nregion_code: \"53\"\n")
		}, []string{`slug "Kelompok_A"`}},
		{"two default hosts and reversed permit dates", func(m fstest.MapFS) {
			m["hosts.yaml"] = file(`
hosts:
  - {key: a, name: A, default: true, stripe_account: platform, permit: {number: "1", area: NTT, valid_from: 2026-01-01, valid_until: 2025-12-31}}
  - {key: b, name: B, default: true, stripe_account: acct_123, permit: {number: "2", area: NTT, valid_from: 2026-02-30, valid_until: 2026-12-31}}
`)
			delete(m, "groups/kelompok-a.yaml")
		}, []string{"hosts a, b are all marked default", "host a: permit valid_until 2025-12-31 is before valid_from 2026-01-01", `host b: permit valid_from "2026-02-30" is not a date`}},
		{"missing regions file", func(m fstest.MapFS) {
			delete(m, "regions.yaml")
		}, []string{"regions.yaml", "file does not exist"}},
		{"empty template file", func(m fstest.MapFS) {
			m["program-templates/tenun.yaml"] = file("# nothing yet\n")
		}, []string{"program-templates/tenun.yaml: file is empty"}},
		{"two documents in a file", func(m fstest.MapFS) {
			m["groups/kelompok-a.yaml"] = file("slug: kelompok-a\nname: A\nregion_code: \"53\"\n---\nslug: kelompok-b\n")
		}, []string{"groups/kelompok-a.yaml: holds more than one YAML document"}},
		{"yml extension", func(m fstest.MapFS) {
			m["groups/kelompok-b.yml"] = file("slug: kelompok-b\n")
		}, []string{"groups/kelompok-b.yml: rename to .yaml"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := validFS()
			tt.change(fsys)
			b, err := provision.Load(fsys)
			if err == nil {
				t.Fatalf("Load succeeded with %d regions; want an error", len(b.Regions))
			}
			for _, want := range tt.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error does not mention %q:\n%v", want, err)
				}
			}
		})
	}
}

// TestValidateReportsAll checks that problems in different parts of a bundle
// come back together, so an operator fixes them in one pass.
func TestValidateReportsAll(t *testing.T) {
	b := &provision.Bundle{
		Regions: []provision.Region{{Code: "5", Name: "NTT"}},
		Groups:  []provision.Group{{Slug: "kelompok-a", Name: "A", RegionCode: "53", Host: "nobody"}},
	}
	err := b.Validate()
	if err == nil {
		t.Fatal("Validate succeeded; want errors")
	}
	for _, want := range []string{`region #1 "5": malformed code`, `group kelompok-a: unknown region "53"`, `group kelompok-a: unknown host "nobody"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not mention %q:\n%v", want, err)
		}
	}
}
