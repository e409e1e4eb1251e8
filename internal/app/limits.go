package app

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/config"
	"github.com/peduli/peduli/internal/platform/ratelimit"
)

// The abuse limits on anonymous writes (numbers in config.DefaultLimits
// and docs/SECURITY.md). Each route wraps its handler with its rules; the
// per-address rule comes first, so requests refused per address never use
// up a target's allowance. The API and the pages share counters.

func rule(name string, l config.Limit, key func(*fiber.Ctx) string) ratelimit.Rule {
	return ratelimit.Rule{Name: name, Count: l.Count, Window: l.Window, Key: key}
}

// clientAddress is the client's address (behind trusted proxies, the one
// their header names).
func clientAddress(c *fiber.Ctx) string { return c.IP() }

// groupSlug is the group a public donation is for.
func groupSlug(c *fiber.Ctx) string { return strings.ToLower(c.Params("slug")) }

// formEmail is a SHA-256 of the form's email, so the counter never holds
// the address itself.
func formEmail(c *fiber.Ctx) string {
	e := identity.NormalizeEmail(c.FormValue("email"))
	if e == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(e))
	return hex.EncodeToString(sum[:])
}

// limited puts rules in front of h.
func (a *App) limited(h fiber.Handler, rules ...ratelimit.Rule) fiber.Handler {
	return a.limiter.Wrap(h, rules...)
}

func (a *App) donationLimits() []ratelimit.Rule {
	l := a.Config.Limits
	return []ratelimit.Rule{rule("donate-address", l.DonationsPerAddress, clientAddress),
		rule("donate-group", l.DonationsPerGroup, groupSlug)}
}

// signupLimits count sign-up attempts; the page's no-JavaScript "show
// places" step posts to the same route but writes nothing, so it is not one.
func (a *App) signupLimits() []ratelimit.Rule {
	return []ratelimit.Rule{rule("signup-address", a.Config.Limits.SignupsPerAddress, func(c *fiber.Ctx) string {
		if c.FormValue("step") == "region" {
			return ""
		}
		return clientAddress(c)
	})}
}

func (a *App) resetRequestLimits() []ratelimit.Rule {
	l := a.Config.Limits
	return []ratelimit.Rule{rule("forgot-address", l.ResetRequestsPerAddress, clientAddress),
		rule("forgot-email", l.ResetRequestsPerEmail, formEmail)}
}

func (a *App) invitationLimits() []ratelimit.Rule {
	return []ratelimit.Rule{rule("invitation-address", a.Config.Limits.InvitationsPerAddress, clientAddress)}
}

func (a *App) resetLinkLimits() []ratelimit.Rule {
	return []ratelimit.Rule{rule("reset-link-address", a.Config.Limits.ResetLinksPerAddress, clientAddress)}
}
