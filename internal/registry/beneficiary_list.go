package registry

import (
	"context"
	"errors"
	"strings"

	"gorm.io/gorm"

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
// after the one whose id is Cursor, at most Limit of them. The filters
// narrow it: PRSE "yes", "no" or "unknown" (her latest assessment found her
// eligible, not eligible, or she has none); Program, the id of a program
// whose current members only are listed; Consent a purpose she consented
// to ("services", "reporting", "sharing") or "none".
type ListQuery struct {
	Q       string
	Limit   int
	Cursor  string
	PRSE    string
	Program string
	Consent string
}

// Members answers which beneficiaries are current members of a program;
// the programs feature owns enrollments, the list only asks it.
type Members interface {
	MemberIDs(ctx context.Context, scope db.Scope, programID string) ([]string, error)
}

// listColumns are what a list shows: the sealed fields it does not open
// are left unread. listRows scans them in this order.
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
	var members []string
	if q.Program != "" {
		if s.Members == nil {
			return Page{}, errs.Invalid("program", "program", "programs are not available")
		}
		var err error
		if members, err = s.Members.MemberIDs(ctx, scope, q.Program); errors.Is(err, errs.ErrNotFound) {
			return Page{}, errs.Invalid("program", "program", "is not a program of this group")
		} else if err != nil {
			return Page{}, err
		}
	}
	page := Page{Items: []View{}}
	err := scope.Read(ctx, func(t *db.Tenant) error {
		query := t.DB().Table("beneficiaries").Select(listColumns).Where("tenant_id = ? AND deleted_at IS NULL", t.ID)
		// Each word must appear in the name, in any order: "Tefa Yohana"
		// finds Yohana Tefa.
		for _, w := range strings.Fields(strings.ToLower(q.Q)) {
			query = query.Where("LOWER(name) LIKE ? ESCAPE '\\'", "%"+escapeLike(w)+"%")
		}
		query = filtered(query, q, members)
		if q.Cursor != "" {
			query = query.Where("(name, id) > (SELECT c.name, c.id FROM beneficiaries c WHERE c.tenant_id = ? AND c.id = ?)", t.ID, q.Cursor)
		}
		rows, err := listRows(query.Order("name, id").Limit(q.Limit+1), q.Limit+1)
		if err != nil {
			return err
		}
		if len(rows) > q.Limit {
			rows = rows[:q.Limit]
			next := rows[len(rows)-1].ID
			page.NextCursor = &next
		}
		page.Items = make([]View, 0, len(rows))
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

// listRows runs a query of listColumns and scans each row straight into
// its fields: a list is read on every visit, and GORM's reflective scan of
// the whole Beneficiary cost more CPU than the query itself.
func listRows(query *gorm.DB, capacity int) ([]Beneficiary, error) {
	rows, err := query.Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]Beneficiary, 0, capacity)
	for rows.Next() {
		out = append(out, Beneficiary{})
		b := &out[len(out)-1]
		if err := rows.Scan(&b.TenantID, &b.ID, &b.Name, &b.KeyVersion, &b.NIKSealed, &b.PhoneSealed, &b.BirthYear,
			&b.Female, &b.Village, &b.MaritalStatus, &b.HouseholdHead, &b.Dependents, &b.Education, &b.Occupation,
			&b.ConsentServices, &b.ConsentReporting, &b.ConsentSharing, &b.ConsentRecordedAt, &b.ConsentRecordedBy,
			&b.EligiblePRSE, &b.CreatedAt, &b.UpdatedAt, &b.ErasedAt); err != nil {
			return nil, err
		}
	}
	return out, rows.Err()
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
	if q.PRSE != "" && q.PRSE != "yes" && q.PRSE != "no" && q.PRSE != "unknown" {
		v.Add("prse", "oneof", "must be yes, no or unknown")
	}
	if q.Consent != "" && q.Consent != "services" && q.Consent != "reporting" && q.Consent != "sharing" && q.Consent != "none" {
		v.Add("consent", "oneof", "must be services, reporting, sharing or none")
	}
	if q.Program != "" && !db.ValidID(q.Program) {
		v.Add("program", "program", "is not a program of this group")
	}
	return v.Err()
}

// filtered adds the list's filters to a query of beneficiaries.
func filtered(query *gorm.DB, q ListQuery, members []string) *gorm.DB {
	switch q.PRSE {
	case "yes":
		query = query.Where("eligible_prse = ?", true)
	case "no":
		query = query.Where("eligible_prse = ?", false)
	case "unknown":
		query = query.Where("eligible_prse IS NULL")
	}
	switch q.Consent {
	case "services", "reporting", "sharing": // fixed column names, never user text
		query = query.Where("consent_"+q.Consent+" = ?", true)
	case "none":
		query = query.Where("consent_services = ? AND consent_reporting = ? AND consent_sharing = ?", false, false, false)
	}
	if q.Program != "" {
		if len(members) == 0 {
			members = []string{"00000000-0000-0000-0000-000000000000"}
		}
		query = query.Where("id IN ?", members)
	}
	return query
}

// escapeLike makes user text match literally in a LIKE pattern.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
