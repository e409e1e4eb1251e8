// Package workspace serves a group's own pages under /t/{slug}: the
// settings and audit log (the dashboard is in package dashboard).
package workspace

import (
	"github.com/peduli/peduli/internal/regions"
	"github.com/peduli/peduli/internal/tenancy"
	"github.com/peduli/peduli/internal/web"
)

// Handlers serves the workspace shell pages.
type Handlers struct {
	Pages   *web.Pages
	Tenancy *tenancy.Service
	// Regions answers the group's verification state; nil shows none.
	Regions *regions.Service
}
