// Package funds serves the public money pages: a group's page, the
// donation form and the public ledger.
package funds

import (
	"github.com/peduli/peduli/internal/funds"
	"github.com/peduli/peduli/internal/regions"
	"github.com/peduli/peduli/internal/web"
)

// Handlers serves the public money pages.
type Handlers struct {
	Pages *web.Pages
	Funds *funds.Service
	// Regions publishes the group's figures on its public page; BaseURL
	// makes the page's share link absolute.
	Regions *regions.Service
	BaseURL string
}
