package programs

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/peduli/peduli/internal/platform/errs"
)

// itemKey matches an activity or indicator key: a stable snake_case id
// stored with every activity and outcome.
var itemKey = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)

// KindOther is the activity kind every program accepts besides its own.
const KindOther = "other"

// Allowed values of a template's or program's lists.
var (
	units      = map[string]bool{"IDR": true, "days": true, "count": true, "kg": true, "percent": true}
	directions = map[string]bool{"up": true, "down": true}
	// decimalUnits may have values with digits after the decimal separator.
	decimalUnits = map[string]bool{"kg": true, "percent": true}
)

// maxItems bounds each list so one request cannot store an endless one.
const maxItems = 50

// itemRules checks activity and indicator lists. bilingual demands both
// languages (catalog entries); otherwise an empty English name takes the
// Indonesian one, since a group writes its own program in one language.
type itemRules struct{ bilingual bool }

func (r itemRules) check(v *errs.ValidationError, acts []ActivityKind, inds []Indicator, graduation int) {
	if len(acts) > maxItems {
		v.Add("activities", "max", fmt.Sprintf("must have at most %d entries", maxItems))
	}
	if len(inds) > maxItems {
		v.Add("indicators", "max", fmt.Sprintf("must have at most %d entries", maxItems))
	}
	seen := map[string]bool{}
	for i := range acts {
		at := fmt.Sprintf("activities[%d]", i)
		r.key(v, at, acts[i].Key, seen)
		r.name(v, at, &acts[i].Name)
	}
	seen = map[string]bool{}
	income := 0
	for i := range inds {
		in := &inds[i]
		at := fmt.Sprintf("indicators[%d]", i)
		r.key(v, at, in.Key, seen)
		r.name(v, at, &in.Name)
		if !units[in.Unit] {
			v.Add(at+".unit", "oneof", "must be one of: IDR, days, count, kg, percent")
		}
		if !directions[in.Direction] {
			v.Add(at+".direction", "oneof", "must be one of: up, down")
		}
		if in.Decimals < 0 || in.Decimals > 2 || (in.Decimals > 0 && !decimalUnits[in.Unit]) {
			v.Add(at+".decimals", "decimals", "must be 0, or 1–2 for a unit that allows decimals (kg, percent)")
		}
		if in.Income {
			income++
			if in.Unit != "IDR" || in.Direction != "up" {
				v.Add(at+".income", "income", "an income indicator must have unit IDR and direction up")
			}
		}
	}
	if income > 1 {
		v.Add("indicators", "income", "at most one indicator may be marked income")
	}
	if graduation < 0 || graduation > 60 {
		v.Add("graduation_periods", "range", "must be between 0 and 60")
	} else if graduation > 0 && income == 0 {
		v.Add("graduation_periods", "income", "needs an indicator marked income")
	}
}

func (r itemRules) key(v *errs.ValidationError, at, key string, seen map[string]bool) {
	switch {
	case !itemKey.MatchString(key):
		v.Add(at+".key", "key", "must be snake_case: a lowercase letter, then letters, digits or _ (at most 40)")
	case seen[key]:
		v.Add(at+".key", "unique", "is listed more than once")
	}
	seen[key] = true
}

func (r itemRules) name(v *errs.ValidationError, at string, t *Text) {
	t.ID, t.EN = strings.TrimSpace(t.ID), strings.TrimSpace(t.EN)
	if t.EN == "" && !r.bilingual {
		t.EN = t.ID
	}
	if t.ID == "" {
		v.Add(at+".name.id", "required", "is required")
	}
	if t.EN == "" {
		v.Add(at+".name.en", "required", "is required")
	}
	if utf8.RuneCountInString(t.ID) > 200 || utf8.RuneCountInString(t.EN) > 200 {
		v.Add(at+".name", "max", "must be at most 200 characters")
	}
}
