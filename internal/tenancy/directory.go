package tenancy

import (
	"context"
	"strings"

	"gorm.io/gorm"
)

// DirectoryLimit bounds the verified groups one landing page lists.
const DirectoryLimit = 50

// VerifiedGroups lists active, verified groups — those a donor may give to
// — by name, at most DirectoryLimit. A non-empty place narrows them to
// groups whose name, village, district, regency or province contains it,
// ignoring case.
func (s *Service) VerifiedGroups(ctx context.Context, place string) ([]Tenant, error) {
	q := inPlace(s.DB.Global(ctx).Where("status = ? AND verified = ?", StatusActive, true), place)
	var out []Tenant
	err := q.Order("name, slug").Limit(DirectoryLimit).Find(&out).Error
	return out, err
}

// AllGroupsLimit bounds the groups one platform admin's list shows.
const AllGroupsLimit = 100

// AllGroups lists every group whatever its status or verification — the
// platform admin's list — by name, at most AllGroupsLimit, narrowed by
// name or place as VerifiedGroups is.
func (s *Service) AllGroups(ctx context.Context, place string) ([]Tenant, error) {
	var out []Tenant
	err := inPlace(s.DB.Global(ctx), place).Order("name, slug").Limit(AllGroupsLimit).Find(&out).Error
	return out, err
}

// inPlace narrows q to groups whose name, village, district, regency or
// province contains place, ignoring case; an empty place keeps them all.
func inPlace(q *gorm.DB, place string) *gorm.DB {
	if place = strings.TrimSpace(place); place == "" {
		return q
	}
	like := "%" + escapeLike(strings.ToLower(place)) + "%"
	return q.Where(`lower(name) LIKE ? ESCAPE '\' OR lower(village) LIKE ? ESCAPE '\' OR lower(district) LIKE ? ESCAPE '\'
			OR lower(regency) LIKE ? ESCAPE '\' OR lower(province) LIKE ? ESCAPE '\'`, like, like, like, like, like)
}

// escapeLike makes s match itself in a LIKE pattern.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
