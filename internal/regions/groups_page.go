package regions

import (
	"context"
	"strings"

	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
)

// Group list paging limits.
const (
	DefaultGroupLimit = 50
	MaxGroupLimit     = 200
)

// GroupQuery selects a page of a region's groups: sorted by Sort (as
// Groups sorts), after the group whose slug is Cursor, at most Limit.
type GroupQuery struct {
	Sort   string
	Cursor string
	Limit  int
}

// GroupPage is one page of a region's groups; NextCursor is the slug of
// its last group when more follow.
type GroupPage struct {
	Items      []GroupFigures
	NextCursor *string
}

// GroupsPage returns one page of the region's groups in the order Groups
// gives; a cursor that names no group of the region is a 422. The database
// sorts and cuts the page: by name through tenants (name, slug), by a
// figure over the published value the rollup stores for it (setSortKeys),
// ties by name and slug, so only the page's rows are read.
func (s *Service) GroupsPage(ctx context.Context, code string, q GroupQuery) (GroupPage, error) {
	switch {
	case q.Limit == 0:
		q.Limit = DefaultGroupLimit
	case q.Limit < 1 || q.Limit > MaxGroupLimit:
		return GroupPage{}, errs.Invalid("limit", "range", "must be between 1 and 200")
	}
	key, desc := strings.TrimPrefix(q.Sort, "-"), strings.HasPrefix(q.Sort, "-")
	if key == "" || key == "name" {
		return s.groupsByName(ctx, code, q, desc)
	}
	col, ok := sortColumns[key]
	if !ok {
		return GroupPage{}, errs.Invalid("sort", "oneof", "must be one of: "+strings.Join(SortKeys, ", ")+" (with - for descending)")
	}
	var after struct {
		Key        float64
		Name, Slug string
	}
	if q.Cursor != "" {
		err := s.DB.Global(ctx).Table("tenants t").Joins("LEFT JOIN group_figures f ON f.tenant_id = t.id").
			Select(col+" AS key, t.name, t.slug").
			Where("t.slug = ? AND (t.region_code = ? OR t.region_code LIKE ?)", q.Cursor, code, code+".%").Take(&after).Error
		if db.IsNotFound(err) {
			return GroupPage{}, errs.Invalid("cursor", "cursor", "is not a cursor this list returned")
		}
		if err != nil {
			return GroupPage{}, err
		}
	}
	dir, cmp := "", ">"
	if desc {
		dir, cmp = " DESC", "<"
	}
	items, err := s.groupRows(ctx, code, func(g *gorm.DB) *gorm.DB {
		if q.Cursor != "" {
			g = g.Where("("+col+" "+cmp+" ? OR ("+col+" = ? AND (t.name > ? OR (t.name = ? AND t.slug > ?))))",
				after.Key, after.Key, after.Name, after.Name, after.Slug)
		}
		return g.Order(col + dir + ", t.name, t.slug").Limit(q.Limit + 1)
	})
	if err != nil {
		return GroupPage{}, err
	}
	return pageOf(items, q.Limit), nil
}

// sortColumns are the SQL of each sort key's published value; a group not
// yet in the rollup sorts as publishGroup shows it (0, or lowest).
var sortColumns = map[string]string{
	"beneficiaries_served": "coalesce(f.sort_served, 0)",
	"prse_served":          "coalesce(f.sort_prse, 0)",
	"active_programs":      "coalesce(f.active_programs, 0)",
	"activities_90d":       "coalesce(f.activities_90d, 0)",
	"attendance_rate_90d":  "coalesce(f.sort_attendance, -1e300)",
	"median_income_change": "coalesce(f.sort_income, -1e300)",
	"graduation_ready":     "coalesce(f.sort_ready, 0)",
	"donations_received":   "coalesce(f.donations_received, 0)",
	"last_activity_on":     "coalesce(f.sort_last, -1e300)",
}

// pageOf cuts items, read with one more than limit, to a page.
func pageOf(items []GroupFigures, limit int) GroupPage {
	page := GroupPage{Items: items}
	if len(items) > limit {
		page.Items = items[:limit]
		next := page.Items[limit-1].Slug
		page.NextCursor = &next
	}
	return page
}

// groupsByName reads one page in (name, slug) order straight from the
// database.
func (s *Service) groupsByName(ctx context.Context, code string, q GroupQuery, desc bool) (GroupPage, error) {
	var after struct{ Name, Slug string }
	if q.Cursor != "" {
		err := s.DB.Global(ctx).Table("tenants").Select("name, slug").
			Where("slug = ? AND (region_code = ? OR region_code LIKE ?)", q.Cursor, code, code+".%").Take(&after).Error
		if db.IsNotFound(err) {
			return GroupPage{}, errs.Invalid("cursor", "cursor", "is not a cursor this list returned")
		}
		if err != nil {
			return GroupPage{}, err
		}
	}
	order, cmp := "t.name, t.slug", ">"
	if desc {
		order, cmp = "t.name DESC, t.slug DESC", "<"
	}
	items, err := s.groupRows(ctx, code, func(g *gorm.DB) *gorm.DB {
		if q.Cursor != "" {
			g = g.Where("(t.name "+cmp+" ? OR (t.name = ? AND t.slug "+cmp+" ?))", after.Name, after.Name, after.Slug)
		}
		return g.Order(order).Limit(q.Limit + 1)
	})
	if err != nil {
		return GroupPage{}, err
	}
	return pageOf(items, q.Limit), nil
}
