package regions

import (
	"context"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/programs"
)

// groupReport fills row with one group's published figures for the days
// from (inclusive) to end (exclusive), counting reportable people only.
func (s *Service) groupReport(ctx context.Context, t *db.Tenant, from, end db.Date, row *ReportRow) error {
	var served, prse int
	err := t.DB().Raw(`SELECT count(*), coalesce(sum(CASE WHEN eligible_prse THEN 1 ELSE 0 END), 0)
		FROM reportable_beneficiaries WHERE tenant_id = ? AND created_at < ?`, t.ID, end.Time()).Row().Scan(&served, &prse)
	if err != nil {
		return err
	}
	row.People = PeopleCells{Served: Publish(served), PRSE: Publish(prse), Other: Publish(served - prse)}

	var progs []struct {
		TemplateKey *string
		N           int
	}
	err = t.DB().Table("programs").Select("template_key, count(*) AS n").
		Where("tenant_id = ? AND starts_on < ? AND (ends_on IS NULL OR ends_on >= ?)", t.ID, end, from).
		Group("template_key").Find(&progs).Error
	if err != nil {
		return err
	}
	m := map[string]int{}
	for _, p := range progs {
		key := ""
		if p.TemplateKey != nil {
			key = *p.TemplateKey
		}
		m[key] += p.N
	}
	row.Programs = programCells(m)

	if err := scalar(t.DB(), &row.Attendance.Activities,
		`SELECT count(*) FROM program_activities WHERE tenant_id = ? AND held_on >= ? AND held_on < ?`, t.ID, from, end); err != nil {
		return err
	}
	att, err := attendance(t, reportable, from, end)
	if err != nil {
		return err
	}
	row.Attendance.People = Publish(att.people)
	if r := att.rate(); r != nil {
		row.Attendance.Rate = MeasureOver(round2(*r), true, att.people)
		row.pooled = pooledAttendance{expected: att.expected, present: att.present}
	}

	changes, people, err := s.outcomeChanges(t, firstN(string(from), 7), firstN(string(end.Time().AddDate(0, 0, -1).Format(db.DateLayout)), 7))
	if err != nil {
		return err
	}
	row.Outcomes, row.changes = []OutcomeCell{}, map[string][]int64{}
	for _, ind := range sortedKeys(changes) {
		cell := OutcomeCell{Indicator: ind, People: Publish(people[ind])}
		cell.MedianChange = MeasureOver(roundSignificant(unitsOf(median(changes[ind])), 2), true, people[ind])
		if cell.MedianChange.Known {
			row.changes[ind] = changes[ind]
		}
		row.Outcomes = append(row.Outcomes, cell)
	}

	mf, err := money(t, from, end)
	if err != nil {
		return err
	}
	row.Money = MoneyCells{In: mf.In, Out: mf.Out, Donations: mf.Donations}
	return nil
}

// outcomeChanges returns, per indicator, each enrolment's change from its
// first to its latest value within the periods, in hundredths of the
// indicator's unit (whatever decimals each program keeps its values in:
// see programs.Indicator), and how many distinct reportable people those
// changes cover.
func (s *Service) outcomeChanges(t *db.Tenant, fromPeriod, toPeriod string) (map[string][]int64, map[string]int, error) {
	var rows []outcomeRow
	err := t.DB().Table("outcomes o").Select("o.id, o.program_id, o.beneficiary_id, o.indicator, o.period, o.value, o.value_sealed, o.key_version").
		Joins("JOIN reportable_beneficiaries b ON b.tenant_id = o.tenant_id AND b.id = o.beneficiary_id").
		Where("o.tenant_id = ? AND o.period >= ? AND o.period <= ?", t.ID, fromPeriod, toPeriod).
		Order("o.indicator, o.program_id, o.beneficiary_id, o.period").Find(&rows).Error
	if err != nil {
		return nil, nil, err
	}
	if rows, err = s.openOutcomes(t, rows); err != nil {
		return nil, nil, err
	}
	decimals, err := programs.IndicatorDecimals(t)
	if err != nil {
		return nil, nil, err
	}
	type key struct{ ind, prog, person string }
	first, last, n := map[key]int64{}, map[key]int64{}, map[key]int{}
	var order []key
	for _, r := range rows {
		k := key{r.Indicator, r.ProgramID, r.BeneficiaryID}
		if n[k] == 0 {
			first[k] = r.Value
			order = append(order, k)
		}
		last[k] = r.Value
		n[k]++
	}
	changes, people := map[string][]int64{}, map[string]int{}
	seen := map[[2]string]bool{}
	for _, k := range order {
		if n[k] < 2 {
			continue
		}
		changes[k.ind] = append(changes[k.ind], (last[k]-first[k])*hundredths[decimals[k.prog][k.ind]])
		if !seen[[2]string{k.ind, k.person}] {
			seen[[2]string{k.ind, k.person}] = true
			people[k.ind]++
		}
	}
	return changes, people, nil
}
