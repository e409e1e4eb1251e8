package regions

import (
	"context"

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
// gives. The order is over published figures, so the page is cut after
// sorting; a cursor that names no group of the region is a 422.
func (s *Service) GroupsPage(ctx context.Context, code string, q GroupQuery) (GroupPage, error) {
	switch {
	case q.Limit == 0:
		q.Limit = DefaultGroupLimit
	case q.Limit < 1 || q.Limit > MaxGroupLimit:
		return GroupPage{}, errs.Invalid("limit", "range", "must be between 1 and 200")
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
