package programs

import (
	"sort"

	"github.com/peduli/peduli/internal/platform/db"
)

// IncomeBooks answers a member's monthly income from her enterprise books.
// The enterprises feature owns the books and implements it; programs owns
// progress and graduation and only asks, through this interface, so the
// dependency runs one way (the app wires the two together) and programs
// never reads another feature's tables.
type IncomeBooks interface {
	// MonthlyIncome returns income per month (YYYY-MM) for the months she
	// has books for, inside the caller's tenant transaction.
	MonthlyIncome(t *db.Tenant, beneficiaryID string) (map[string]int64, error)
}

// Where an income figure comes from: her enterprise books, or typed in as
// an outcome.
const (
	SourceBooks = "books"
	SourceTyped = "typed"
	SourceMixed = "mixed"
)

// IncomePoint is one month of a member's income and where it comes from.
type IncomePoint struct {
	Period string `json:"period"`
	Value  int64  `json:"value"`
	Source string `json:"source"`
}

// booksIncome asks the books for a member's income; none when no books
// are wired (a build without enterprises).
func (s *Service) booksIncome(t *db.Tenant, beneficiaryID string) (map[string]int64, error) {
	if s.Books == nil {
		return map[string]int64{}, nil
	}
	return s.Books.MonthlyIncome(t, beneficiaryID)
}

// mergeIncome joins typed income points with income from books: a month
// with books takes the books' figure (computed beats typed), a month
// without keeps the typed one. The result is ordered by month.
func mergeIncome(typed []Point, books map[string]int64) []IncomePoint {
	byPeriod := map[string]IncomePoint{}
	for _, p := range typed {
		if _, seen := byPeriod[p.Period]; !seen {
			byPeriod[p.Period] = IncomePoint{Period: p.Period, Value: p.Value, Source: SourceTyped}
		}
	}
	for period, v := range books {
		byPeriod[period] = IncomePoint{Period: period, Value: v, Source: SourceBooks}
	}
	out := make([]IncomePoint, 0, len(byPeriod))
	for _, p := range byPeriod {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Period < out[j].Period })
	return out
}

// points drops the sources of income points.
func points(in []IncomePoint) []Point {
	out := make([]Point, len(in))
	for i, p := range in {
		out[i] = Point{Period: p.Period, Value: p.Value}
	}
	return out
}

// sourceOf says where the last n points come from: books, typed or mixed.
func sourceOf(in []IncomePoint, n int) string {
	if n > len(in) {
		n = len(in)
	}
	src := ""
	for _, p := range in[len(in)-n:] {
		switch {
		case src == "":
			src = p.Source
		case src != p.Source:
			return SourceMixed
		}
	}
	return src
}
