package registry

import (
	"context"
	"strings"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/sealed"
)

// List paging limits.
const (
	DefaultLimit = 50
	MaxLimit     = 100
	maxQuery     = 100
)

// ListQuery selects a page of beneficiaries: names containing Q (any case),
// after the one whose id is Cursor, at most Limit of them.
type ListQuery struct {
	Q      string
	Limit  int
	Cursor string
}

// listColumns are what a list shows: the sealed fields it does not open
// are left unread.
const listColumns = "tenant_id, id, name, key_version, nik_sealed, phone_sealed, birth_year, female, village, " +
	"marital_status, household_head, dependents, education, occupation, consent_services, consent_reporting, " +
	"consent_sharing, consent_recorded_at, consent_recorded_by, eligible_prse, created_at, updated_at, erased_at"

// List returns a page of beneficiaries in a stable order (name, then id),
// NIK and phone masked. The cursor is the id of the last item of the
// previous page, so no name ever travels in a URL.
func (s *Service) List(ctx context.Context, scope db.Scope, actor audit.Actor, q ListQuery) (Page, error) {
	if err := checkListQuery(&q); err != nil {
		return Page{}, err
	}
	page := Page{Items: []View{}}
	err := scope.Read(ctx, func(t *db.Tenant) error {
		query := t.DB().Select(listColumns).Where("tenant_id = ? AND deleted_at IS NULL", t.ID)
		// Each word must appear in the name, in any order: "Tefa Yohana"
		// finds Yohana Tefa.
		for _, w := range strings.Fields(strings.ToLower(q.Q)) {
			query = query.Where("LOWER(name) LIKE ? ESCAPE '\\'", "%"+escapeLike(w)+"%")
		}
		if q.Cursor != "" {
			query = query.Where("(name, id) > (SELECT c.name, c.id FROM beneficiaries c WHERE c.tenant_id = ? AND c.id = ?)", t.ID, q.Cursor)
		}
		var rows []Beneficiary
		if err := query.Order("name, id").Limit(q.Limit + 1).Find(&rows).Error; err != nil {
			return err
		}
		if len(rows) > q.Limit {
			rows = rows[:q.Limit]
			next := rows[len(rows)-1].ID
			page.NextCursor = &next
		}
		for i := range rows {
			v, err := s.listView(t, &rows[i])
			if err != nil {
				return err
			}
			page.Items = append(page.Items, v)
		}
		return nil
	})
	return page, err
}

// listView opens only what a list shows (NIK and phone, masked).
func (s *Service) listView(t *db.Tenant, b *Beneficiary) (View, error) {
	if b.ErasedAt != nil {
		return goneView(b, PersonalErased), nil
	}
	if b.NIKSealed == "" && b.PhoneSealed == "" {
		return maskedView(b, Personal{}), nil
	}
	dk, err := s.Keys.Version(t, b.KeyVersion)
	if isUnreadable(err) {
		return goneView(b, PersonalUnavailable), nil
	}
	if err != nil {
		return View{}, err
	}
	nik, err1 := sealed.OpenString(dk, b.NIKSealed, aad("beneficiaries", "nik", b.ID))
	phone, err2 := sealed.OpenString(dk, b.PhoneSealed, aad("beneficiaries", "phone", b.ID))
	if err1 != nil || err2 != nil {
		return goneView(b, PersonalUnavailable), nil
	}
	return maskedView(b, Personal{NIK: nik, Phone: phone}), nil
}

func checkListQuery(q *ListQuery) error {
	v := &errs.ValidationError{}
	switch {
	case q.Limit == 0:
		q.Limit = DefaultLimit
	case q.Limit < 1 || q.Limit > MaxLimit:
		v.Add("limit", "range", "must be between 1 and 100")
	}
	if len(q.Q) > maxQuery {
		v.Add("q", "max", "must be at most 100 characters")
	}
	if q.Cursor != "" && !db.ValidID(q.Cursor) {
		v.Add("cursor", "cursor", "is not a cursor this list returned")
	}
	return v.Err()
}

// escapeLike makes user text match literally in a LIKE pattern.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
