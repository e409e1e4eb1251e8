// Package migrations embeds the versioned SQL migrations, one folder per
// dialect (postgres/, sqlite/). Both folders must describe the same tables
// and columns; a test compares them.
package migrations

import "embed"

// FS holds postgres/*.sql and sqlite/*.sql.
//
//go:embed postgres/*.sql sqlite/*.sql
var FS embed.FS
