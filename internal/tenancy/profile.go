package tenancy

import (
	"context"
	"strconv"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/phone"
)

// Profile is what a group tells the public about itself: its story in
// both languages, what it does, where it meets and a WhatsApp number.
type Profile struct {
	Story           string `json:"story"`
	StoryEN         string `json:"story_en"`
	Work            string `json:"work"`
	MeetingPlace    string `json:"meeting_place"`
	ContactWhatsApp string `json:"contact_whatsapp"`
}

// ProfileOf is t's profile as its settings form shows it.
func ProfileOf(t *Tenant) Profile {
	return Profile{Story: t.Story, StoryEN: t.StoryEN, Work: t.Work, MeetingPlace: t.MeetingPlace,
		ContactWhatsApp: t.ContactWhatsApp}
}

// profileLimits are the longest each field may be, in characters.
var profileLimits = []struct {
	field string
	max   int
	value func(*Profile) *string
}{
	{"story", 4000, func(p *Profile) *string { return &p.Story }},
	{"story_en", 4000, func(p *Profile) *string { return &p.StoryEN }},
	{"work", 500, func(p *Profile) *string { return &p.Work }},
	{"meeting_place", 200, func(p *Profile) *string { return &p.MeetingPlace }},
}

// UpdateProfile checks and stores a group's profile; an empty field clears
// it. The WhatsApp number must be an Indonesian mobile (0812…, +62 812…) and
// is kept as digits, 62812…, ready for a wa.me link.
func (s *Service) UpdateProfile(ctx context.Context, scope db.Scope, actor audit.Actor, in Profile) (*Profile, error) {
	v := &errs.ValidationError{}
	for _, f := range profileLimits {
		p := f.value(&in)
		*p = strings.TrimSpace(*p)
		if utf8.RuneCountInString(*p) > f.max {
			v.Fields = append(v.Fields, errs.FieldError{Field: f.field, Rule: "max", Param: strconv.Itoa(f.max),
				Message: "is too long"})
		}
	}
	if in.ContactWhatsApp = strings.TrimSpace(in.ContactWhatsApp); in.ContactWhatsApp != "" {
		n, ok := whatsAppDigits(in.ContactWhatsApp)
		if !ok {
			v.Add("contact_whatsapp", "whatsapp", "must be an Indonesian mobile number, e.g. 0812 3456 7890")
		}
		in.ContactWhatsApp = n
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	err := s.DB.GlobalTx(ctx, func(tx *gorm.DB) error {
		return tx.Model(&Tenant{}).Where("id = ?", scope.TenantID()).Updates(map[string]any{
			"story": in.Story, "story_en": in.StoryEN, "work": in.Work, "meeting_place": in.MeetingPlace,
			"contact_whatsapp": in.ContactWhatsApp, "updated_at": s.Now(),
		}).Error
	})
	if err != nil {
		return nil, err
	}
	err = scope.Write(ctx, func(t *db.Tenant) error {
		return audit.Record(t, actor, audit.Update, "tenant", scope.TenantID(), "story", "story_en", "work", "meeting_place", "contact_whatsapp")
	})
	return &in, err
}

// whatsAppDigits turns an Indonesian mobile number as people write it
// (08…, +628…, 628…, with spaces, dashes or dots) into its digits with the
// country code, 628…, by the one rule for mobile numbers (see phone).
func whatsAppDigits(s string) (string, bool) {
	n, err := phone.Normalize(s)
	return strings.TrimPrefix(n, "+"), err == nil
}
