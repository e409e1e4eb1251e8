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
// gives; a cursor that names no group of the region is a 422. By name (the
// default) the database reads only the page, through tenants (name, slug);
// by a figure the order is over published values, so every group of the
// region is read and sorted before the page is cut.
func (s *Service) GroupsPage(ctx context.Context, code string, q GroupQuery) (GroupPage, error) {
	switch {
	case q.Limit == 0:
		q.Limit = DefaultGroupLimit
	case q.Limit < 1 || q.Limit > MaxGroupLimit:
		return GroupPage{}, errs.Invalid("limit", "range", "must be between 1 and 200")
	}
	if key := strings.TrimPrefix(q.Sort, "-"); key == "" || key == "name" {
		return s.groupsByName(ctx, code, q, strings.HasPrefix(q.Sort, "-"))
	}
	all, err := s.Groups(ctx, code, q.Sort)
	if err != nil {
		return GroupPage{}, err
	}
	start := 0
	if q.Cursor != "" {
		start = -1
		for i := range all {
			if all[i].Slug == q.Cursor {
				start = i + 1
				break
			}
		}
		if start < 0 {
			return GroupPage{}, errs.Invalid("cursor", "cursor", "is not a cursor this list returned")
		}
	}
	end := min(start+q.Limit, len(all))
	page := GroupPage{Items: all[start:end]}
	if end < len(all) {
		next := all[end-1].Slug
		page.NextCursor = &next
	}
	return page, nil
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
	page := GroupPage{Items: items}
	if len(items) > q.Limit {
		page.Items = items[:q.Limit]
		next := page.Items[q.Limit-1].Slug
		page.NextCursor = &next
	}
	return page, nil
}
