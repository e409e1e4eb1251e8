package app

import (
	"github.com/gofiber/fiber/v2"
)

// securityRoutes are the signed-in account changes that need the current
// password, and the platform admin's way to shut an account off.
func (a *App) securityRoutes() []route {
	return []route{
		{method: fiber.MethodPost, path: "/auth/password", handler: a.auth.ChangePassword},
		{method: fiber.MethodPost, path: "/auth/email", handler: a.auth.ChangeEmail},
		// The handler checks the platform-admin role itself.
		{method: fiber.MethodPost, path: "/admin/users/:id/disable", handler: a.auth.Disable},
	}
}
