package tenancy

import (
	"context"
	"strings"
)

// DirectoryLimit bounds the verified groups one landing page lists.
const DirectoryLimit = 50

// VerifiedGroups lists active, verified groups — those a donor may give to
// — by name, at most DirectoryLimit. A non-empty place narrows them to
// groups whose name, village, district, regency or province contains it,
// ignoring case.
func (s *Service) VerifiedGroups(ctx context.Context, place string) ([]Tenant, error) {
	q := s.DB.Global(ctx).Where("status = ? AND verified = ?", StatusActive, true)
	if place = strings.TrimSpace(place); place != "" {
		like := "%" + escapeLike(strings.ToLower(place)) + "%"
		q = q.Where(`lower(name) LIKE ? ESCAPE '\' OR lower(village) LIKE ? ESCAPE '\' OR lower(district) LIKE ? ESCAPE '\'
			OR lower(regency) LIKE ? ESCAPE '\' OR lower(province) LIKE ? ESCAPE '\'`, like, like, like, like, like)
	}
	var out []Tenant
	err := q.Order("name, slug").Limit(DirectoryLimit).Find(&out).Error
	return out, err
}

// escapeLike makes s match itself in a LIKE pattern.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
