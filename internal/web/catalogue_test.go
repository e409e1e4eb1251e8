package web_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/platform/i18n"
	webfs "github.com/peduli/peduli/web"
)

// keyPatterns find message keys used literally in templates and page code.
var keyPatterns = []*regexp.Regexp{
	regexp.MustCompile(`\.(?:T|N) "([a-z0-9_.]+)"`),                                 // {{.T "key"}}, {{$.N "key" n}}
	regexp.MustCompile(`\.Field "[^"]*" "([a-z0-9_.]+)"`),                           // {{.Field "name" "label.key"}}
	regexp.MustCompile(`"hint=([a-z0-9_.]+)"`),                                      // field hint option
	regexp.MustCompile(`\.(?:T|N)\("([a-z0-9_.]+)"`),                                // loc.T("key")
	regexp.MustCompile(`Redirect\(c, [^\n]*, "([a-z0-9_.]+)"\)`),                    // Pages.Redirect(c, to, "flash.key")
	regexp.MustCompile(`SetFlash\(c, "\w+", "([a-z0-9_.]+)"\)`),                     // Pages.SetFlash(c, kind, "key")
	regexp.MustCompile(`\.Error = "([a-z0-9_.]+)"`),                                 // form-wide error
	regexp.MustCompile(`nav: +"([a-z0-9_.]+)"`),                                     // menu entries in route tables
	regexp.MustCompile(`(?:msg|key|Key|label|Label): +"([a-z0-9_]+\.[a-z0-9_.]+)"`), // keys in struct literals
}

var (
	goComment = regexp.MustCompile(`(?m)^\s*//.*$`)
	wholeKey  = regexp.MustCompile(`^[a-z0-9_]+(\.[a-z0-9_]+)+$`)
)

// TestCatalogueComplete fails when a message key used in web/ templates or
// in page code is missing in either language, or when a key exists in one
// language only.
func TestCatalogueComplete(t *testing.T) {
	cat, err := i18n.Load(webfs.FS, "locales")
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]string{} // key → where
	collect := func(where string, src []byte) {
		if strings.HasSuffix(where, ".go") {
			src = goComment.ReplaceAll(src, nil)
		}
		for _, re := range keyPatterns {
			for _, m := range re.FindAllSubmatch(src, -1) {
				if wholeKey.Match(m[1]) {
					used[string(m[1])] = where
				}
			}
		}
	}
	err = fs.WalkDir(webfs.FS, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(webfs.FS, p)
		collect(p, b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Join("..", "..")
	for _, dir := range []string{"internal/web", "internal/app"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return err
			}
			if dir == "internal/app" && !strings.Contains(p, "routes_pages") {
				return nil
			}
			b, err := os.ReadFile(p)
			collect(p, b)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// Keys built at run time: roles, error pages and validation rules.
	for _, r := range access.TenantRoles {
		used["role."+string(r)] = "role names"
	}
	for _, k := range []string{"400", "403", "404", "500", "csrf", "suspended"} {
		used["error."+k+".title"], used["error."+k+".text"] = "error pages", "error pages"
	}
	used["validation.invalid"] = "field errors"
	used["lang.name"] = "language switch"

	var missing []string
	for k, where := range used {
		for _, l := range i18n.Supported {
			if !cat.Has(l, k) {
				missing = append(missing, l+": "+k+" (used in "+where+")")
			}
		}
	}
	for _, l := range i18n.Supported {
		for _, k := range cat.Keys(l) {
			for _, other := range i18n.Supported {
				if !cat.Has(other, k) {
					missing = append(missing, other+": "+k+" (defined in "+l+" only)")
				}
			}
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Error("missing message " + m)
	}
	if len(used) < 20 {
		t.Fatalf("found only %d keys in use: the patterns no longer match the templates", len(used))
	}
}
