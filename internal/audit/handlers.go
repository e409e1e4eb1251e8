package audit

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
)

// Handlers serves the tenant's audit log. ScopeOf gives the request's
// tenant scope (tenancy provides it; audit cannot import tenancy).
type Handlers struct {
	ScopeOf func(*fiber.Ctx) db.Scope
	// Names names the actors (identity.NamesIn).
	Names Names
}

// List answers GET …/audit?limit=&cursor=&entity=&entity_id=.
func (h *Handlers) List(c *fiber.Ctx) error {
	q := Query{Cursor: c.Query("cursor"), Entity: c.Query("entity"), EntityID: c.Query("entity_id")}
	if s := c.Query("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return errs.Invalid("limit", "range", "must be between 1 and 200")
		}
		q.Limit = n
	}
	page, err := List(c.UserContext(), h.ScopeOf(c), h.Names, q)
	if err != nil {
		return err
	}
	return c.JSON(page)
}
