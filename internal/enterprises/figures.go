package enterprises

import (
	"sort"
	"time"

	"github.com/peduli/peduli/internal/platform/db"
)

// GroupFigures are a group's enterprise totals for the coordinators' rollup.
type GroupFigures struct {
	// Active counts enterprises with a book in the last three months.
	Active int
	// ProfitChangePeople members have books in two months or more; the
	// median of their latest less first monthly income is ProfitChangeMedian.
	ProfitChangePeople int
	ProfitChangeMedian *int64
}

// GroupFigures computes the group's enterprise totals at now inside its scope,
// counting only the members only allows (nil: everyone).
func (s *Service) GroupFigures(t *db.Tenant, now time.Time, only map[string]bool) (GroupFigures, error) {
	var f GroupFigures
	var rows []Enterprise
	if err := t.DB().Where("tenant_id = ?", t.ID).Find(&rows).Error; err != nil {
		return f, err
	}
	since := now.UTC().AddDate(0, -2, 0).Format("2006-01")
	members := map[string]bool{}
	for _, e := range rows {
		if only != nil && !only[e.BeneficiaryID] {
			continue
		}
		members[e.BeneficiaryID] = true
		var n int64
		if err := t.DB().Model(&Book{}).Where("tenant_id = ? AND enterprise_id = ? AND period >= ?", t.ID, e.ID, since).
			Count(&n).Error; err != nil {
			return f, err
		}
		if n > 0 {
			f.Active++
		}
	}
	var changes []int64
	for b := range members {
		income, err := s.MonthlyIncome(t, b)
		if err != nil {
			return f, err
		}
		if len(income) < 2 {
			continue
		}
		periods := make([]string, 0, len(income))
		for p := range income {
			periods = append(periods, p)
		}
		sort.Strings(periods)
		changes = append(changes, income[periods[len(periods)-1]]-income[periods[0]])
	}
	f.ProfitChangePeople = len(changes)
	if len(changes) > 0 {
		sort.Slice(changes, func(i, j int) bool { return changes[i] < changes[j] })
		m := changes[len(changes)/2]
		if len(changes)%2 == 0 {
			m = (changes[len(changes)/2-1] + m) / 2
		}
		f.ProfitChangeMedian = &m
	}
	return f, nil
}
