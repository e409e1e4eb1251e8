// Package tenancy holds regions, tenants (groups) and their teams: sign-up,
// resolving /t/{slug} to a tenant the caller belongs to, and team changes.
package tenancy

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
)

// Tenant statuses.
const (
	StatusActive    = "active"
	StatusSuspended = "suspended"
)

// Tenant is a community group.
type Tenant struct {
	ID         string `gorm:"primaryKey" json:"id"`
	Slug       string `json:"slug"`
	Name       string `json:"name"`
	Status     string `json:"status"`
	Verified   bool   `json:"verified"`
	RegionCode string `json:"region_code"`
	Village    string `json:"village"`
	District   string `json:"district"`
	Regency    string `json:"regency"`
	Province   string `json:"province"`
	Story      string `json:"story,omitempty"`
	StoryEN    string `json:"story_en,omitempty"`
	// ContactWhatsApp is the group's WhatsApp number as digits, 628…;
	// Work says what it does and MeetingPlace where (see Profile).
	ContactWhatsApp string `gorm:"column:contact_whatsapp" json:"contact_whatsapp,omitempty"`
	Work            string `json:"work,omitempty"`
	MeetingPlace    string `json:"meeting_place,omitempty"`
	// Photo names the group's photo in the upload store, "" for none.
	Photo     string    `json:"-"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"-"`
}

// Region is a node of the Home Affairs region tree.
type Region struct {
	Code       string  `gorm:"primaryKey" json:"code"`
	Name       string  `json:"name"`
	ParentCode *string `json:"parent_code"`
	Level      int     `json:"level"`
}

// RegionWage is a region's minimum wage for a year, in IDR minor units.
type RegionWage struct {
	RegionCode string `gorm:"primaryKey"`
	Year       int    `gorm:"primaryKey"`
	Amount     int64
}

// Ancestors returns code and every region code above it, nearest first:
// "53.01.08" → ["53.01.08", "53.01", "53"].
func Ancestors(code string) []string {
	var out []string
	for code != "" {
		out = append(out, code)
		i := strings.LastIndexByte(code, '.')
		if i < 0 {
			break
		}
		code = code[:i]
	}
	return out
}

var slugPattern = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9-]{1,48}[a-z0-9])$`)

// ValidSlug reports whether s can name a group in URLs.
func ValidSlug(s string) bool { return slugPattern.MatchString(s) && !reservedSlugs[s] }

// reservedSlugs would shadow pages or confuse people.
var reservedSlugs = map[string]bool{"admin": true, "api": true, "static": true, "new": true, "login": true, "signup": true}

// Slugify derives a URL slug from a group's name: "Rindu Sejahtera" →
// "rindu-sejahtera".
func Slugify(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(strings.ToLower(name)) {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
			dash = false
		case unicode.Is(unicode.Mn, r):
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	s := strings.Trim(b.String(), "-")
	if len(s) > 50 {
		s = strings.Trim(s[:50], "-")
	}
	return s
}

// Store reads and writes tenants and regions (global tables).
type Store struct{ db *db.DB }

// NewStore returns a Store on d.
func NewStore(d *db.DB) *Store { return &Store{db: d} }

// TenantBySlug returns the tenant with slug.
func (s *Store) TenantBySlug(ctx context.Context, slug string) (*Tenant, error) {
	var t Tenant
	if err := s.db.Global(ctx).Where("slug = ?", slug).Take(&t).Error; err != nil {
		if db.IsNotFound(err) {
			return nil, errs.ErrNotFound
		}
		return nil, err
	}
	return &t, nil
}

// Tenants returns the tenants with the given ids.
func (s *Store) Tenants(ctx context.Context, ids []string) ([]Tenant, error) {
	var out []Tenant
	if len(ids) == 0 {
		return out, nil
	}
	err := s.db.Global(ctx).Where("id IN ?", ids).Order("name").Find(&out).Error
	return out, err
}

// Region returns the region with code.
func (s *Store) Region(ctx context.Context, code string) (*Region, error) {
	var r Region
	if err := s.db.Global(ctx).Where("code = ?", code).Take(&r).Error; err != nil {
		if db.IsNotFound(err) {
			return nil, errs.ErrNotFound
		}
		return nil, err
	}
	return &r, nil
}

// Regions returns the whole region tree ordered by code.
func (s *Store) Regions(ctx context.Context) ([]Region, error) {
	var out []Region
	err := s.db.Global(ctx).Order("code").Find(&out).Error
	return out, err
}

// MinimumWage returns the minimum wage that applies to a region in a year:
// its own, or the nearest ancestor's (regencies without a UMK follow the UMP).
func (s *Store) MinimumWage(ctx context.Context, code string, year int) (int64, error) {
	return MinimumWageIn(s.db.Global(ctx), code, year)
}

// MinimumWageIn is MinimumWage read through q, for callers already inside
// a transaction: asking the pool for a second connection while holding
// one deadlocks once every connection is held that way.
func MinimumWageIn(q *gorm.DB, code string, year int) (int64, error) {
	var w []RegionWage
	err := q.Where("region_code IN ? AND year = ?", Ancestors(code), year).Find(&w).Error
	if err != nil {
		return 0, err
	}
	best, bestLen := int64(0), -1
	for _, x := range w {
		if len(x.RegionCode) > bestLen {
			best, bestLen = x.Amount, len(x.RegionCode)
		}
	}
	return best, nil
}

// RegionCodeIn returns the region_code of tenant id, read through q (a
// transaction already held, as MinimumWageIn).
func RegionCodeIn(q *gorm.DB, id string) (string, error) {
	var codes []string
	if err := q.Table("tenants").Where("id = ?", id).Pluck("region_code", &codes).Error; err != nil {
		return "", fmt.Errorf("tenancy: region of a group: %w", err)
	}
	if len(codes) != 1 {
		return "", fmt.Errorf("tenancy: region of a group: %d rows", len(codes))
	}
	return codes[0], nil
}
