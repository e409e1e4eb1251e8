// Package i18n is Peduli's one message catalogue: Bahasa Indonesia first,
// English second. Messages live in YAML files named <feature>.<lang>.yaml so
// each feature adds its own files; go-i18n resolves plurals and fallbacks.
package i18n

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"
)

// Languages Peduli speaks, the default first.
const (
	Indonesian = "id"
	English    = "en"
)

// Supported lists the languages in the order pages offer them.
var Supported = []string{Indonesian, English}

// Catalogue holds every message in every language.
type Catalogue struct {
	bundle     *i18n.Bundle
	keys       map[string]map[string]bool // lang → message ids
	localizers map[string]*Localizer
}

// Load reads every <feature>.<lang>.yaml file under dir of fsys. A file in a
// language Peduli does not speak, or one that does not parse, fails the load:
// the server refuses to start with a broken catalogue.
func Load(fsys fs.FS, dir string) (*Catalogue, error) {
	b := i18n.NewBundle(language.Indonesian)
	b.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	c := &Catalogue{bundle: b, keys: map[string]map[string]bool{}, localizers: map[string]*Localizer{}}
	for _, l := range Supported {
		c.keys[l] = map[string]bool{}
	}
	files, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("i18n: no message files in %s", dir)
	}
	for _, f := range files {
		if err := c.loadFile(fsys, f); err != nil {
			return nil, err
		}
	}
	for _, l := range Supported {
		c.localizers[l] = &Localizer{lang: l, loc: i18n.NewLocalizer(b, l), cat: c}
	}
	return c, nil
}

func (c *Catalogue) loadFile(fsys fs.FS, name string) error {
	parts := strings.Split(path.Base(name), ".")
	if len(parts) != 3 {
		return fmt.Errorf("i18n: %s: name must be <feature>.<lang>.yaml", name)
	}
	lang := parts[1]
	if c.keys[lang] == nil {
		return fmt.Errorf("i18n: %s: unsupported language %q", name, lang)
	}
	raw, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	mf, err := c.bundle.ParseMessageFileBytes(raw, name)
	if err != nil {
		return fmt.Errorf("i18n: %s: %w", name, err)
	}
	for _, m := range mf.Messages {
		if c.keys[lang][m.ID] {
			return fmt.Errorf("i18n: %s: message %q is defined twice", name, m.ID)
		}
		c.keys[lang][m.ID] = true
	}
	return nil
}

// Localizer returns the localizer for lang, or for Bahasa Indonesia when
// lang is not supported.
func (c *Catalogue) Localizer(lang string) *Localizer {
	if l, ok := c.localizers[lang]; ok {
		return l
	}
	return c.localizers[Indonesian]
}

// Has reports whether the message id exists in lang.
func (c *Catalogue) Has(lang, id string) bool { return c.keys[lang][id] }

// Keys returns the message ids of lang, sorted.
func (c *Catalogue) Keys(lang string) []string {
	out := make([]string, 0, len(c.keys[lang]))
	for k := range c.keys[lang] {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Localizer translates and formats for one language.
type Localizer struct {
	lang string
	loc  *i18n.Localizer
	cat  *Catalogue
}

// Lang is the localizer's language code ("id" or "en").
func (l *Localizer) Lang() string { return l.lang }

// T translates id. args are name/value pairs for the message's template
// ({{.Name}}). A missing message shows its id, so a gap is visible but
// never breaks a page (a test keeps the catalogue complete).
func (l *Localizer) T(id string, args ...any) string {
	cfg := &i18n.LocalizeConfig{MessageID: id}
	if len(args) > 0 {
		cfg.TemplateData = pairs(args)
	}
	s, err := l.loc.Localize(cfg)
	if err != nil {
		return id
	}
	return s
}

// N translates id in the plural form for n; the template sees {{.Count}}.
func (l *Localizer) N(id string, n int, args ...any) string {
	data := pairs(args)
	data["Count"] = n
	s, err := l.loc.Localize(&i18n.LocalizeConfig{MessageID: id, PluralCount: n, TemplateData: data})
	if err != nil {
		return id
	}
	return s
}

func pairs(args []any) map[string]any {
	m := make(map[string]any, len(args)/2+1)
	for i := 0; i+1 < len(args); i += 2 {
		if k, ok := args[i].(string); ok {
			m[k] = args[i+1]
		}
	}
	return m
}
