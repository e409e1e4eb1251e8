package web

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"mime"
	"path"
	"sort"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// asset is one static file held in memory under its content-hashed name.
type asset struct {
	body        []byte
	contentType string
}

// Assets serves web/static with names that carry a hash of the content
// (app.css → app.1a2b3c4d5e.css), so browsers may cache them for a year and
// a deploy that changes a file changes its URL.
type Assets struct {
	byHashed map[string]asset
	urls     map[string]string // logical name → /static/hashed name
}

// LoadAssets reads every file in dir of fsys.
func LoadAssets(fsys fs.FS, dir string) (*Assets, error) {
	a := &Assets{byHashed: map[string]asset{}, urls: map[string]string{}}
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		body, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(body)
		ext := path.Ext(e.Name())
		hashed := strings.TrimSuffix(e.Name(), ext) + "." + hex.EncodeToString(sum[:5]) + ext
		ct := mime.TypeByExtension(ext)
		if ct == "" {
			ct = "application/octet-stream"
		}
		a.byHashed[hashed] = asset{body: body, contentType: ct}
		a.urls[e.Name()] = "/static/" + hashed
	}
	return a, nil
}

// URL returns the hashed URL of a static file. An unknown name panics at
// template execution, which the start-up render check catches.
func (a *Assets) URL(name string) string {
	u, ok := a.urls[name]
	if !ok {
		panic(fmt.Sprintf("web: no static file %q", name))
	}
	return u
}

// Serve answers GET /static/:file with an immutable, year-long cache.
func (a *Assets) Serve(c *fiber.Ctx) error {
	f, ok := a.byHashed[c.Params("file")]
	if !ok {
		return fiber.ErrNotFound
	}
	c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
	c.Set(fiber.HeaderContentType, f.contentType)
	return c.Send(f.body)
}

// Size returns the uncompressed size of a static file by logical name.
func (a *Assets) Size(name string) int {
	return len(a.byHashed[strings.TrimPrefix(a.urls[name], "/static/")].body)
}

// Favicon answers GET /favicon.ico, which browsers ask for on their own,
// with the SVG icon the pages link to (cached for a day: the name has no
// hash).
func (a *Assets) Favicon(c *fiber.Ctx) error {
	f, ok := a.byHashed[strings.TrimPrefix(a.urls["favicon.svg"], "/static/")]
	if !ok {
		return fiber.ErrNotFound
	}
	c.Set(fiber.HeaderCacheControl, "public, max-age=86400")
	c.Set(fiber.HeaderContentType, f.contentType)
	return c.Send(f.body)
}

// Style returns a stylesheet as an inline <style> element. Inlining the
// page's small stylesheets saves the phone a round trip before it can draw
// anything (Lighthouse's render-blocking request); StyleSources lets the
// Content-Security-Policy allow exactly these contents and no other inline
// style. An unknown name panics like URL.
func (a *Assets) Style(name string) template.HTML {
	f, ok := a.byHashed[strings.TrimPrefix(a.URL(name), "/static/")]
	if !ok || path.Ext(name) != ".css" {
		panic(fmt.Sprintf("web: no stylesheet %q", name))
	}
	// #nosec G203 -- our own embedded stylesheet, fixed at build time
	return template.HTML("<style>" + string(f.body) + "</style>")
}

// StyleSources are the CSP sources ('sha256-…') of every stylesheet Style
// may inline.
func (a *Assets) StyleSources() []string {
	var out []string
	for name, u := range a.urls {
		if path.Ext(name) != ".css" {
			continue
		}
		sum := sha256.Sum256(a.byHashed[strings.TrimPrefix(u, "/static/")].body)
		out = append(out, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'")
	}
	sort.Strings(out)
	return out
}
