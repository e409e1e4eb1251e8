package app

import (
	"context"
	"fmt"
	"time"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/funds"
	"github.com/peduli/peduli/internal/partners"
	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/programs"
	"github.com/peduli/peduli/internal/registry"
	"github.com/peduli/peduli/internal/tenancy"
)

// demoWomen are the demo group's members: invented names common in Kupang.
var demoWomen = []string{
	"Yuliana Tefa", "Maria Bria", "Dorkas Nitbani", "Agustina Sabu", "Ester Lay", "Naomi Manu",
	"Yohana Taneo", "Sarlina Bana", "Rambu Ata", "Ferderika Laka", "Martha Haning", "Oktovina Bessie",
	"Debora Nope", "Margaretha Kana", "Selfina Mella", "Kristina Seran", "Elisabeth Klau", "Veronika Bere",
	"Anselina Nahak", "Mince Tualaka", "Rosalinda Ndun", "Ribka Amalo", "Susana Pah", "Lusia Tnomel",
	"Theresia Liu",
}

// DemoContent fills a group with a year of work, through the services so
// every rule, seal and audit line holds: 25 women with an intake and a
// recent assessment, a weaving KUBE and a moringa program with two
// activities a month and monthly outcomes, partners, gifts and a ledger,
// and the weavers' enterprises, savings, loans, arisan and meetings.
// It runs only while the group has no beneficiaries and no programs.
func (a *App) DemoContent(ctx context.Context, t *tenancy.Tenant, ownerID string) error {
	scope := a.DB.Scope(t.ID)
	actor := audit.Actor{UserID: ownerID}
	if empty, err := a.demoGroupEmpty(ctx, scope, actor); err != nil || !empty {
		return err
	}
	now := a.Programs.Now().In(clock.Zone)
	day := func(d time.Time) string { return d.Format(time.DateOnly) }
	start := time.Date(now.Year()-1, now.Month(), 1, 0, 0, 0, 0, now.Location())

	// People, each with an intake assessment a year ago and one this month.
	ids := make([]string, len(demoWomen))
	for i, name := range demoWomen {
		n, village := name, []string{"Penfui Timur", "Noelbaki", "Oelnasi"}[i%3]
		income, deps := int64(350_000+(i%7)*75_000)*100, 1+i%5
		head, married := i%4 == 0, []string{"married", "widowed", "married", "abandoned", "divorced"}[i%5]
		edu := []string{"primary", "junior", "senior", "primary", "none"}[i%5]
		phone := fmt.Sprintf("08123%07d", 4500000+i*37)
		born := time.Date(1968+i%25, time.Month(1+i%12), 3+i%25, 0, 0, 0, 0, time.UTC)
		birth := day(born)
		// An invented NIK of Kupang Tengah that agrees with her birth date.
		nik := fmt.Sprintf("530108%02d%02d%02d%04d", born.Day()+40, born.Month(), born.Year()%100, 101+i)
		occ := []string{"Penenun", "Petani", "Pedagang kecil", "Ibu rumah tangga"}[i%4]
		purposes := []string{"services", "reporting"}
		if i%6 == 5 {
			purposes = []string{"services"}
		}
		in := registry.Input{Name: &n, NIK: &nik, Village: &village, Phone: &phone, BirthDate: &birth, MaritalStatus: &married,
			HouseholdHead: &head, Dependents: &deps, Education: &edu, Occupation: &occ, MonthlyIncome: &income,
			Consent: &registry.ConsentInput{Purposes: purposes}}
		v, err := a.Registry.Create(ctx, scope, actor, in)
		if err != nil {
			return fmt.Errorf("demo beneficiary: %w", err)
		}
		ids[i] = v.ID
		female, intake := true, day(start.AddDate(0, 0, i))
		if _, err := a.Registry.Assess(ctx, scope, actor, t.RegionCode, v.ID, registry.AssessInput{AssessedOn: &intake,
			Female: &female, BirthDate: &birth, MaritalStatus: &married, MonthlyIncome: &income, HouseholdHead: &head,
			Dependents: &deps, Education: &edu}); err != nil {
			return fmt.Errorf("demo assessment: %w", err)
		}
		later := income + int64(150_000+(i%5)*100_000)*100
		recent := day(now.AddDate(0, 0, -1-i))
		if _, err := a.Registry.Assess(ctx, scope, actor, t.RegionCode, v.ID, registry.AssessInput{AssessedOn: &recent,
			Female: &female, BirthDate: &birth, MaritalStatus: &married, MonthlyIncome: &later, HouseholdHead: &head,
			Dependents: &deps, Education: &edu}); err != nil {
			return fmt.Errorf("demo assessment: %w", err)
		}
	}

	// Two programs: twelve weavers in a KUBE, ten in moringa processing.
	weave, err := a.demoProgram(ctx, scope, actor, "tenun-ikat", day(start), ids[:12], start, now,
		[]string{"pertemuan_kelompok", "produksi", "pelatihan", "pemasaran"},
		func(i, m int) map[string]int64 {
			return map[string]int64{"pieces_sold": int64(1 + (i+m)%4), "days_worked": int64(10 + (i+m)%9),
				"monthly_income": int64(400_000+m*40_000+(i%4)*60_000) * 100}
		})
	if err != nil {
		return err
	}
	kelor, err := a.demoProgram(ctx, scope, actor, "olahan-kelor", day(start.AddDate(0, 1, 0)), ids[12:22], start.AddDate(0, 1, 0), now,
		[]string{"panen_daun", "pengeringan", "pelatihan", "penjualan"},
		func(i, m int) map[string]int64 {
			// Kilograms in tenths (the indicators take one decimal): 20,5 kg is 205.
			return map[string]int64{"fresh_leaves": int64(20+(i+m)%15)*10 + int64(5*(i%2)), "product_sold": int64(2+(i+m)%5)*10 + int64(5*(m%2)),
				"monthly_income": int64(250_000+m*30_000+(i%3)*50_000) * 100}
		})
	if err != nil {
		return err
	}

	// Partners.
	for _, p := range []struct{ kind, name, contrib string }{
		{"government", "Dinas Sosial Kabupaten Kupang", "Pelatihan pewarnaan alam dan bantuan alat tenun"},
		{"business", "Koperasi Tenun Flobamora", "Membeli kain anggota dengan harga adil"},
		{"university", "Universitas Nusa Cendana", "Pendampingan pengolahan daun kelor oleh mahasiswa KKN"},
	} {
		kind, name, contrib, from := p.kind, p.name, p.contrib, day(start)
		if _, err := a.Partners.Create(ctx, scope, actor, partners.Input{Kind: &kind, Name: &name, Contribution: &contrib, MoUStartsOn: &from}); err != nil {
			return fmt.Errorf("demo partner: %w", err)
		}
	}

	// Gifts (each books its income) and expenses under the approval
	// threshold, month by month; one large purchase awaits a second person.
	donors := []string{"Gereja Kalvari Oesapa", "Bapak Hendrik Ully", "Ibu Lenny Saudale", "Arisan Ibu-ibu Kelurahan Oebobo"}
	for m := 0; m < 12; m++ {
		on := start.AddDate(0, m, 9)
		if on.After(now) {
			break
		}
		in := funds.RecordInput{Amount: int64(500_000+(m%4)*250_000) * 100, Currency: funds.Currency, Method: []string{"cash", "transfer"}[m%2],
			ReceivedOn: day(on), ShowName: m%3 != 0, Anonymous: m%3 == 0}
		in.Donor.Name = donors[m%len(donors)]
		if m%2 == 0 {
			in.ProgramID = weave
		}
		if _, err := a.Funds.Record(ctx, scope, actor, in); err != nil {
			return fmt.Errorf("demo donation: %w", err)
		}
		for j, e := range []struct {
			cat, note, prog string
			amount          int64
		}{
			{"bahan baku", "Benang dan pewarna alam", weave, 350_000},
			{"bahan baku", "Kantong kemasan teh kelor", kelor, 120_000},
			{"operasional", "Transport ke pasar Oeba", "", 50_000},
		} {
			entry := funds.EntryInput{Kind: "expense", Amount: (e.amount + int64(m%3)*25_000) * 100, Currency: funds.Currency,
				Category: e.cat, ProgramID: e.prog, OccurredOn: day(on.AddDate(0, 0, 3+j)), Note: e.note}
			if _, err := a.Funds.AddEntry(ctx, scope, actor, entry, nil); err != nil {
				return fmt.Errorf("demo expense: %w", err)
			}
		}
	}
	big := funds.EntryInput{Kind: "expense", Amount: 1_750_000_00, Currency: funds.Currency, Category: "peralatan",
		ProgramID: weave, OccurredOn: day(now.AddDate(0, 0, -2)), Note: "Alat tenun gedogan baru"}
	if _, err := a.Funds.AddEntry(ctx, scope, actor, big, nil); err != nil {
		return fmt.Errorf("demo expense: %w", err)
	}
	// Six of the weavers keep their group's money on the meeting sheet.
	if err := a.demoFund(ctx, t.ID, ownerID, weave, ids[:6]); err != nil {
		return err
	}
	// The dashboard's figures at once, not at the next rollup.
	return a.Regions.Refresh(ctx, t.ID)
}

// demoGroupEmpty reports whether the group has neither beneficiaries nor
// programs, asking the registry and programs (they own those tables).
func (a *App) demoGroupEmpty(ctx context.Context, scope db.Scope, actor audit.Actor) (bool, error) {
	people, err := a.Registry.List(ctx, scope, actor, registry.ListQuery{Limit: 1})
	if err != nil {
		return false, err
	}
	progs, err := a.Programs.Programs(ctx, scope)
	if err != nil {
		return false, err
	}
	return len(people.Items) == 0 && len(progs) == 0, nil
}

// demoProgram starts a program from a template, enrolls members, records
// two activities a month with attendance and each past month's outcomes.
func (a *App) demoProgram(ctx context.Context, scope db.Scope, actor audit.Actor, template, startsOn string, members []string,
	start, now time.Time, kinds []string, outcome func(i, m int) map[string]int64) (string, error) {
	p, err := a.Programs.CreateProgram(ctx, scope, actor, programs.ProgramInput{TemplateKey: template, StartsOn: startsOn})
	if err != nil {
		return "", fmt.Errorf("demo program: %w", err)
	}
	for _, b := range members {
		if _, err := a.Programs.Enroll(ctx, scope, actor, p.ID, programs.EnrollInput{BeneficiaryID: b, EnrolledOn: startsOn}); err != nil {
			return "", fmt.Errorf("demo enrollment: %w", err)
		}
	}
	names := map[string]string{}
	for _, k := range p.Activities {
		names[k.Key] = k.Name.ID
	}
	for m := 0; ; m++ {
		month := start.AddDate(0, m, 0)
		if !month.Before(now) {
			break
		}
		for j, d := range []int{4, 18} {
			held := month.AddDate(0, 0, d-1)
			if held.After(now) {
				break
			}
			kind := kinds[(2*m+j)%len(kinds)]
			act, err := a.Programs.RecordActivity(ctx, scope, actor, p.ID, programs.ActivityInput{
				Title: names[kind] + " " + month.Format("01/2006"), Kind: kind, HeldOn: held.Format(time.DateOnly)})
			if err != nil {
				return "", fmt.Errorf("demo activity: %w", err)
			}
			present := []string{}
			for i, b := range members {
				if (i+m+j)%5 != 0 { // about four in five come
					present = append(present, b)
				}
			}
			if _, err := a.Programs.MarkAttendance(ctx, scope, actor, act.ID, programs.AttendanceInput{Present: present}); err != nil {
				return "", fmt.Errorf("demo attendance: %w", err)
			}
		}
		if month.AddDate(0, 1, 0).After(now) {
			break // this month's outcomes are entered once it is over
		}
		var values []programs.OutcomeValue
		for i, b := range members {
			for k, v := range outcome(i, m) {
				values = append(values, programs.OutcomeValue{BeneficiaryID: b, Indicator: k, Value: v})
			}
		}
		if err := a.Programs.RecordOutcomes(ctx, scope, actor, p.ID, month.Format("2006-01"), values); err != nil {
			return "", fmt.Errorf("demo outcomes: %w", err)
		}
	}
	return p.ID, nil
}
