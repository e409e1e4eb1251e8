package testkit

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var (
	formControl = regexp.MustCompile(`<(?:input|select|textarea)\b[^>]*>`)
	controlName = regexp.MustCompile(`\bname="([^"]+)"`)
)

// InvalidFields returns the names of the inputs, selects and text areas a
// page marks aria-invalid, sorted and each once.
func (r *Response) InvalidFields() []string {
	var out []string
	for _, tag := range formControl.FindAllString(string(r.Body), -1) {
		if !strings.Contains(tag, `aria-invalid="true"`) {
			continue
		}
		if m := controlName.FindStringSubmatch(tag); m != nil && !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	slices.Sort(out)
	return out
}

// ProblemFields returns the fields a validation problem names, sorted and
// each once.
func ProblemFields(p map[string]any) []string {
	var out []string
	list, _ := p["errors"].([]any)
	for _, e := range list {
		m, _ := e.(map[string]any)
		if f, _ := m["field"].(string); f != "" && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	slices.Sort(out)
	return out
}

// SameRefusal fails the test unless the page answered 422 with exactly the
// fields want marked invalid, and the API answered 422 validation_failed
// naming the same fields: the service's rules decide both.
func SameRefusal(t testing.TB, page, api *Response, want ...string) {
	t.Helper()
	slices.Sort(want)
	got := page.Expect(http.StatusUnprocessableEntity).InvalidFields()
	if !slices.Equal(got, want) {
		t.Fatalf("page marks %v, want %v", got, want)
	}
	if got := ProblemFields(api.ExpectProblem(http.StatusUnprocessableEntity, "validation_failed")); !slices.Equal(got, want) {
		t.Fatalf("API names %v, want %v", got, want)
	}
}
