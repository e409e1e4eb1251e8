// Package web holds the server-rendered interface's files: html/template
// templates, static files (CSS, htmx) and the message catalogue. They are
// embedded in the binary so a deploy is one file.
package web

import "embed"

// FS holds templates/, static/ and locales/.
//
//go:embed templates static locales
var FS embed.FS
