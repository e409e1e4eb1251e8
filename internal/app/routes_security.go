package app

import (
	"github.com/gofiber/fiber/v2"
)

// securityRoutes are the signed-in account changes that need the current
// password.
func (a *App) securityRoutes() []route {
	return []route{
		{method: fiber.MethodPost, path: "/auth/password", handler: a.auth.ChangePassword},
		{method: fiber.MethodPost, path: "/auth/email", handler: a.auth.ChangeEmail},
	}
}
