package web_test

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	webfs "github.com/peduli/peduli/web"
)

var postForm = regexp.MustCompile(`(?is)<form[^>]*method="post"[^>]*>(.*?)</form>`)

// TestEveryPostFormCarriesCSRF fails when a template has a POST form
// without {{.CSRFInput}} (or {{$.CSRFInput}}): the server would refuse it.
func TestEveryPostFormCarriesCSRF(t *testing.T) {
	n := 0
	err := fs.WalkDir(webfs.FS, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(webfs.FS, p)
		if err != nil {
			return err
		}
		for _, m := range postForm.FindAllSubmatch(b, -1) {
			n++
			if !strings.Contains(string(m[1]), ".CSRFInput") {
				t.Errorf("%s: a POST form without {{.CSRFInput}}: %.120s…", p, m[0])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 5 {
		t.Fatalf("found only %d POST forms: the pattern no longer matches the templates", n)
	}
}
