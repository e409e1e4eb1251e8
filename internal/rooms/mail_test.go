package rooms

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// mailSenders are the functions outside jobs that may hand a message to a
// mail.Sender, with why.
var mailSenders = map[string]string{
	"internal/identity/verify_mail.go VerificationMail": "builds the sender MailVerificationLink calls from the VerifyMail job",
}

// TestOneMailer: only internal/platform/mail speaks SMTP and reads
// PEDULI_SMTP_URL's value (mail.Parse, called once by the app), and every
// message is handed to the sender by a job worker (a function taking a
// *river.Job), never inside a request or a webhook.
func TestOneMailer(t *testing.T) {
	fset := token.NewFileSet()
	sends, parses := 0, 0
	seen := map[string]bool{}
	err := filepath.WalkDir(filepath.Join(root, "internal"), func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(rel, "internal/platform/mail/") || strings.HasPrefix(rel, "internal/testkit/") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		mailName := ""
		for _, im := range f.Imports {
			path, _ := strconv.Unquote(im.Path.Value)
			switch path {
			case "net/smtp":
				t.Errorf("%s imports net/smtp: send mail through internal/platform/mail", rel)
			case module + "internal/platform/mail":
				mailName = "mail"
				if im.Name != nil {
					mailName = im.Name.Name
				}
			}
		}
		if mailName == "" {
			return nil
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			ast.Inspect(fn, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == mailName && sel.Sel.Name == "Parse" {
					parses++
					if rel != "internal/app/app.go" {
						t.Errorf("%s: mail.Parse outside the app's wiring", fset.Position(call.Pos()))
					}
				}
				if sel.Sel.Name != "Send" || len(call.Args) != 2 {
					return true
				}
				sends++
				key := rel + " " + fn.Name.Name
				if mailSenders[key] != "" {
					seen[key] = true
				} else if !takesJob(fn) {
					t.Errorf("%s: %s sends mail outside a job worker", fset.Position(call.Pos()), fn.Name.Name)
				}
				return true
			})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if sends < 4 || parses != 1 {
		t.Errorf("found %d sends and %d parses of PEDULI_SMTP_URL; want at least 4 and exactly 1", sends, parses)
	}
	for key := range mailSenders {
		if !seen[key] {
			t.Errorf("mailSenders entry %q sends nothing: remove it", key)
		}
	}
}

// takesJob reports whether fn works a River job (a *river.Job[…] parameter).
func takesJob(fn *ast.FuncDecl) bool {
	for _, f := range fn.Type.Params.List {
		star, ok := f.Type.(*ast.StarExpr)
		if !ok {
			continue
		}
		idx, ok := star.X.(*ast.IndexExpr)
		if !ok {
			continue
		}
		if sel, ok := idx.X.(*ast.SelectorExpr); ok && sel.Sel.Name == "Job" {
			return true
		}
	}
	return false
}
