package httpx

import (
	"strings"
	"unicode/utf8"

	"github.com/peduli/peduli/internal/platform/errs"
)

// Rules of the text every request may carry, checked once at the boundary
// (TextGuard) so that no handler, service or database sees it:
//
//   - no C0 control character (U+0000–U+001F), DEL or C1 control; a
//     multi-line field (MultilineFields) may hold tab and newline (a CR only
//     before a newline, as browsers send a textarea's line breaks);
//   - valid UTF-8;
//   - names and slugs also hold no bidirectional override or isolate and no
//     zero-width character, which make a name read differently from what it is.
//
// PostgreSQL refuses NUL in text (SQLSTATE 22021) where SQLite stores it, so
// without this rule the same input was a 500 on one database and stored on
// the other.
const (
	RuleControl   = "control_chars"
	RuleInvisible = "invisible_chars"
	RuleEncoding  = "utf8"
)

// MultilineFields are the field names (a JSON key or form field, at any
// depth) whose values are free text typed in a textarea.
var MultilineFields = map[string]bool{"description": true, "note": true, "notes": true, "story": true}

// isMultiline reports whether a field path ("story.id", "items[2].notes")
// is, or lies inside, a multi-line field.
func isMultiline(path string) bool {
	for _, seg := range strings.FieldsFunc(path, func(r rune) bool { return r == '.' || r == '[' || r == ']' }) {
		if MultilineFields[seg] {
			return true
		}
	}
	return false
}

// isName reports whether a field path names a person, group or thing, or a
// slug: its last part is name, slug or ends in _name.
func isName(path string) bool {
	leaf := path
	if i := strings.LastIndexAny(path, ".]"); i >= 0 {
		leaf = path[i+1:]
	}
	leaf = strings.ToLower(leaf)
	return leaf == "name" || leaf == "slug" || strings.HasSuffix(leaf, "_name") || strings.HasSuffix(leaf, "_slug")
}

// CheckText applies the text rules to one value of the field at path and
// returns what is wrong, or nil.
func CheckText(path, s string) *errs.FieldError {
	if !utf8.ValidString(s) {
		return &errs.FieldError{Field: path, Rule: RuleEncoding, Message: "must be valid UTF-8 text"}
	}
	multi, name := isMultiline(path), isName(path)
	for i, r := range s {
		switch {
		case r == '\t' || r == '\n':
			if multi {
				continue
			}
		case r == '\r':
			if multi && i+1 < len(s) && s[i+1] == '\n' {
				continue
			}
		case r >= 0x20 && r < 0x7f, r > 0x9f && !(name && invisible(r)):
			continue
		case name && invisible(r):
			return &errs.FieldError{Field: path, Rule: RuleInvisible,
				Message: "must not contain invisible or text-direction characters"}
		}
		return &errs.FieldError{Field: path, Rule: RuleControl, Message: "must not contain control characters"}
	}
	return nil
}

// invisible reports bidirectional embeddings, overrides, isolates and
// marks, and zero-width characters.
func invisible(r rune) bool {
	switch {
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0x200E, r == 0x200F, r == 0x061C:
		return true
	case r >= 0x200B && r <= 0x200D, r == 0x2060, r == 0xFEFF, r == 0x180E, r == 0x00AD:
		return true
	}
	return false
}
