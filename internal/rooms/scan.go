package rooms

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Use is one place where Go source names a table.
type Use struct {
	Package string // folder under the module root, e.g. "internal/funds"
	File    string // path from the module root
	Line    int
	Table   string
	How     string // "sql", "Table()", "TableName()" or "model"
}

// sqlTable finds the table after the SQL words that name one.
var sqlTable = regexp.MustCompile(`(?i)\b(?:from|join|into|update|truncate|lock\s+table|alter\s+table|table)\s+(?:only\s+)?"?([a-z_][a-z0-9_]*)`)

// gormCalls are GORM methods whose argument's type names the table.
var gormCalls = map[string]bool{"Model": true, "Create": true, "Save": true, "Find": true, "First": true,
	"Take": true, "Last": true, "Delete": true, "FirstOrCreate": true, "CreateInBatches": true}

const module = "github.com/peduli/peduli/"

// Scan walks the Go files under root's dirs and returns every use of a
// table of tables. Test files are included; the caller decides.
func Scan(root string, dirs []string, tables map[string]bool) ([]Use, error) {
	fset := token.NewFileSet()
	type pkgFile struct {
		pkg  string
		name string
		f    *ast.File
	}
	var files []pkgFile
	// Reads stay inside root (os.Root), whatever links the tree holds.
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	tree := r.FS()
	for _, d := range dirs {
		err := fs.WalkDir(tree, d, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() || !strings.HasSuffix(p, ".go") {
				return err
			}
			src, err := fs.ReadFile(tree, p)
			if err != nil {
				return err
			}
			f, err := parser.ParseFile(fset, p, src, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			files = append(files, pkgFile{pkg: path.Dir(p), name: p, f: f})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	// Models: package → type name → table, from TableName methods and
	// GORM's default naming (snake case, plural).
	models := map[string]map[string]string{}
	put := func(pkg, typ, table string) {
		if models[pkg] == nil {
			models[pkg] = map[string]string{}
		}
		models[pkg][typ] = table
	}
	for _, pf := range files {
		for _, decl := range pf.f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if d.Name.Name == "TableName" && d.Recv != nil && len(d.Recv.List) == 1 {
					if lit := returnedString(d); lit != "" {
						put(pf.pkg, recvName(d.Recv.List[0].Type), lit)
					}
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					ts, ok := s.(*ast.TypeSpec)
					if !ok {
						continue
					}
					if _, isStruct := ts.Type.(*ast.StructType); isStruct && tables[gormName(ts.Name.Name)] {
						if _, set := models[pf.pkg][ts.Name.Name]; !set {
							put(pf.pkg, ts.Name.Name, gormName(ts.Name.Name))
						}
					}
				}
			}
		}
	}
	// Aliases (type X = other.Y) name the other package's table.
	for _, pf := range files {
		imports := importsOf(pf.f)
		for _, decl := range pf.f.Decls {
			d, ok := decl.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, s := range d.Specs {
				if ts, ok := s.(*ast.TypeSpec); ok && ts.Assign.IsValid() {
					if pkg, typ := typeRef(ts.Type, imports, pf.pkg); pkg != "" {
						if t := models[pkg][typ]; t != "" {
							put(pf.pkg, ts.Name.Name, t)
						}
					}
				}
			}
		}
	}

	var uses []Use
	for _, pf := range files {
		imports := importsOf(pf.f)
		add := func(pos token.Pos, table, how string) {
			uses = append(uses, Use{Package: pf.pkg, File: pf.name, Line: fset.Position(pos).Line, Table: table, How: how})
		}
		modelOf := func(e ast.Expr, vars map[string]ast.Expr) string {
			if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
				e = u.X
			}
			var t ast.Expr
			switch x := e.(type) {
			case *ast.CompositeLit:
				t = x.Type
			case *ast.Ident:
				t = vars[x.Name]
			case *ast.CallExpr: // new(T)
				if id, ok := x.Fun.(*ast.Ident); ok && id.Name == "new" && len(x.Args) == 1 {
					t = x.Args[0]
				}
			}
			if t == nil {
				return ""
			}
			pkg, typ := typeRef(t, imports, pf.pkg)
			return models[pkg][typ]
		}
		ast.Inspect(pf.f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.FuncDecl:
				if x.Name.Name == "TableName" && x.Recv != nil {
					if lit := returnedString(x); tables[lit] {
						add(x.Pos(), lit, "TableName()")
					}
				}
				if x.Body != nil {
					vars := localTypes(x)
					ast.Inspect(x.Body, func(n ast.Node) bool {
						call, ok := n.(*ast.CallExpr)
						if !ok {
							return true
						}
						sel, ok := call.Fun.(*ast.SelectorExpr)
						if !ok || !gormCalls[sel.Sel.Name] {
							return true
						}
						for _, a := range call.Args {
							if t := modelOf(a, vars); t != "" {
								add(a.Pos(), t, "model")
							}
						}
						return true
					})
				}
			case *ast.CallExpr:
				if sel, ok := x.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Table" && len(x.Args) > 0 {
					if s, ok := stringLit(x.Args[0]); ok {
						if f := strings.Fields(s); len(f) > 0 && tables[f[0]] {
							add(x.Pos(), f[0], "Table()")
						}
					}
				}
			case *ast.BasicLit:
				if s, ok := stringLit(x); ok {
					for _, m := range sqlTable.FindAllStringSubmatch(s, -1) {
						if t := strings.ToLower(m[1]); tables[t] {
							add(x.Pos(), t, "sql")
						}
					}
				}
			}
			return true
		})
	}
	sort.Slice(uses, func(i, j int) bool {
		if uses[i].File != uses[j].File {
			return uses[i].File < uses[j].File
		}
		return uses[i].Line < uses[j].Line
	})
	return uses, nil
}

func stringLit(e ast.Expr) (string, bool) {
	b, ok := e.(*ast.BasicLit)
	if !ok || b.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(b.Value)
	return s, err == nil
}

func returnedString(d *ast.FuncDecl) string {
	if d.Body == nil || len(d.Body.List) != 1 {
		return ""
	}
	r, ok := d.Body.List[0].(*ast.ReturnStmt)
	if !ok || len(r.Results) != 1 {
		return ""
	}
	s, _ := stringLit(r.Results[0])
	return s
}

func recvName(e ast.Expr) string {
	if s, ok := e.(*ast.StarExpr); ok {
		e = s.X
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// gormName is GORM's default table name for a type: snake case, plural.
func gormName(typ string) string {
	var b strings.Builder
	for i, r := range typ {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	s := b.String()
	if strings.HasSuffix(s, "y") {
		return s[:len(s)-1] + "ies"
	}
	return s + "s"
}

func importsOf(f *ast.File) map[string]string {
	m := map[string]string{}
	for _, im := range f.Imports {
		p, _ := strconv.Unquote(im.Path.Value)
		if !strings.HasPrefix(p, module) {
			continue
		}
		name := path.Base(p)
		if im.Name != nil {
			name = im.Name.Name
		}
		m[name] = strings.TrimPrefix(p, module)
	}
	return m
}

// typeRef resolves T, *T, []T, []*T, pkg.T to (package folder, type name).
func typeRef(e ast.Expr, imports map[string]string, self string) (string, string) {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
			continue
		case *ast.ArrayType:
			e = x.Elt
			continue
		case *ast.Ident:
			return self, x.Name
		case *ast.SelectorExpr:
			if id, ok := x.X.(*ast.Ident); ok {
				return imports[id.Name], x.Sel.Name
			}
		}
		return "", ""
	}
}

// localTypes maps a function's parameters and declared variables to their
// written types (var x T, x := T{}, x := &T{}, x := []T{}).
func localTypes(fn *ast.FuncDecl) map[string]ast.Expr {
	vars := map[string]ast.Expr{}
	if fn.Type.Params != nil {
		for _, f := range fn.Type.Params.List {
			for _, n := range f.Names {
				vars[n.Name] = f.Type
			}
		}
	}
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.ValueSpec:
			for i, name := range x.Names {
				if x.Type != nil {
					vars[name.Name] = x.Type
				} else if i < len(x.Values) {
					if t := litType(x.Values[i]); t != nil {
						vars[name.Name] = t
					}
				}
			}
		case *ast.AssignStmt:
			if x.Tok == token.DEFINE && len(x.Lhs) == len(x.Rhs) {
				for i, l := range x.Lhs {
					if id, ok := l.(*ast.Ident); ok {
						if t := litType(x.Rhs[i]); t != nil {
							vars[id.Name] = t
						}
					}
				}
			}
		}
		return true
	})
	return vars
}

func litType(e ast.Expr) ast.Expr {
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = u.X
	}
	if c, ok := e.(*ast.CompositeLit); ok {
		return c.Type
	}
	return nil
}
