package provision

import (
	"fmt"
	"regexp"
)

// templateKey matches a template or host key: lowercase words joined by
// hyphens, the same as the file name it usually lives in.
var templateKey = regexp.MustCompile(`^[a-z0-9-]+$`)

// itemKey matches an activity or indicator key; these become stable
// identifiers in stored records, so they stay plain snake_case.
var itemKey = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// Template categories, indicator units and directions a template may use.
var (
	categories = map[string]bool{"uep": true, "kube": true, "savings": true, "food": true, "training": true}
	units      = map[string]bool{"IDR": true, "days": true, "count": true, "kg": true, "percent": true}
	directions = map[string]bool{"up": true, "down": true}
)

// Template is a program from the shared catalog that a group can run. A
// template is versioned so a changed catalog entry never rewrites programs
// already started from an earlier version.
type Template struct {
	Key      string `yaml:"key"`
	Version  int    `yaml:"version"`
	Category string `yaml:"category"`
	// KUBE marks a joint-business group, whose membership should be 5 to
	// 20 households of one village.
	KUBE bool `yaml:"kube"`
	// GraduationPeriods is how many latest periods the income indicator
	// must stay above the regional minimum wage for a member to be
	// graduation-ready; 0 means the template does not measure graduation.
	GraduationPeriods int         `yaml:"graduation_periods"`
	Name              Text        `yaml:"name"`
	Description       Text        `yaml:"description"`
	Activities        []Activity  `yaml:"activities"`
	Indicators        []Indicator `yaml:"indicators"`

	// source is the file the template was read from, for messages.
	source string
}

// Activity is a kind of activity a program records, such as a training.
type Activity struct {
	Key  string `yaml:"key"`
	Name Text   `yaml:"name"`
}

// Indicator is an outcome a program measures for each member.
type Indicator struct {
	Key  string `yaml:"key"`
	Name Text   `yaml:"name"`
	// Unit is one of IDR, days, count, kg or percent.
	Unit string `yaml:"unit"`
	// Direction is "up" or "down": which way is better.
	Direction string `yaml:"direction"`
	// Income marks the household enterprise income, the figure compared
	// with the regional minimum wage for graduation.
	Income bool `yaml:"income"`
	// Decimals is how many digits after the decimal separator a value
	// may have (0–2, only for kg and percent): "1,5" kg needs 1.
	Decimals int `yaml:"decimals"`
}

// IncomeIndicator returns the template's income indicator, if it has one.
func (t Template) IncomeIndicator() (Indicator, bool) {
	for _, in := range t.Indicators {
		if in.Income {
			return in, true
		}
	}
	return Indicator{}, false
}

// label names the template in messages by its file, or by key and version
// when the bundle was built in code.
func (t Template) label() string {
	if t.source != "" {
		return fmt.Sprintf("%s: template %s v%d", t.source, t.Key, t.Version)
	}
	return fmt.Sprintf("template %s v%d", t.Key, t.Version)
}

// validateTemplates checks each template and that no key and version pair
// is declared twice.
func validateTemplates(templates []Template, p *problems) {
	seen := make(map[string]Template, len(templates))
	for _, t := range templates {
		validateTemplate(t, p)
		id := fmt.Sprintf("%s@%d", t.Key, t.Version)
		if first, ok := seen[id]; ok {
			also := ""
			if first.source != "" {
				also = " (also in " + first.source + ")"
			}
			p.add("%s: version %d is defined twice%s", t.label(), t.Version, also)
			continue
		}
		seen[id] = t
	}
}

// validateTemplate checks one template on its own.
func validateTemplate(t Template, p *problems) {
	at := t.label()
	if !templateKey.MatchString(t.Key) {
		p.add("%s: key %q must be lowercase letters, digits and hyphens", at, t.Key)
	}
	if t.Version < 1 {
		p.add("%s: version must be 1 or more", at)
	}
	if !categories[t.Category] {
		p.add("%s: category %q is not one of uep, kube, savings, food, training", at, t.Category)
	}
	if t.GraduationPeriods < 0 {
		p.add("%s: graduation_periods must not be negative", at)
	}
	if !t.Name.complete() {
		p.add("%s: name needs both id and en", at)
	}
	if !t.Description.empty() && !t.Description.complete() {
		p.add("%s: description needs both id and en", at)
	}
	validateActivities(at, t.Activities, p)
	validateIndicators(at, t.Indicators, p)
	if _, ok := t.IncomeIndicator(); !ok && t.GraduationPeriods > 0 {
		p.add("%s: graduation_periods is set but no indicator is marked income", at)
	}
}

// validateActivities checks a template's activity list.
func validateActivities(at string, activities []Activity, p *problems) {
	if len(activities) == 0 {
		p.add("%s: needs at least one activity", at)
	}
	keys := make(map[string]bool, len(activities))
	for _, a := range activities {
		if !itemKey.MatchString(a.Key) {
			p.add("%s: activity key %q must be snake_case", at, a.Key)
		}
		if keys[a.Key] {
			p.add("%s: activity %s is listed more than once", at, a.Key)
		}
		keys[a.Key] = true
		if !a.Name.complete() {
			p.add("%s: activity %s: name needs both id and en", at, a.Key)
		}
	}
}

// validateIndicators checks a template's indicator list, including that at
// most one indicator is the income graduation is measured by.
func validateIndicators(at string, indicators []Indicator, p *problems) {
	if len(indicators) == 0 {
		p.add("%s: needs at least one indicator", at)
	}
	keys := make(map[string]bool, len(indicators))
	income := 0
	for _, in := range indicators {
		if !itemKey.MatchString(in.Key) {
			p.add("%s: indicator key %q must be snake_case", at, in.Key)
		}
		if keys[in.Key] {
			p.add("%s: indicator %s is listed more than once", at, in.Key)
		}
		keys[in.Key] = true
		if !in.Name.complete() {
			p.add("%s: indicator %s: name needs both id and en", at, in.Key)
		}
		if !units[in.Unit] {
			p.add("%s: indicator %s: unit %q is not one of IDR, days, count, kg, percent", at, in.Key, in.Unit)
		}
		if !directions[in.Direction] {
			p.add("%s: indicator %s: direction %q is not up or down", at, in.Key, in.Direction)
		}
		if in.Decimals < 0 || in.Decimals > 2 || (in.Decimals > 0 && in.Unit != "kg" && in.Unit != "percent") {
			p.add("%s: indicator %s: decimals %d: 0–2, and only for kg or percent", at, in.Key, in.Decimals)
		}
		if in.Income {
			income++
			// Income is compared with a wage in rupiah, and more is better.
			if in.Unit != "IDR" || in.Direction != "up" {
				p.add("%s: indicator %s: an income indicator must have unit IDR and direction up", at, in.Key)
			}
		}
	}
	if income > 1 {
		p.add("%s: %d indicators are marked income; at most one may be", at, income)
	}
}
