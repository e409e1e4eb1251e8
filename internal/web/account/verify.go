package account

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/web"
)

// Verify shows a verification link's page with one button (GET
// /email/verify/{token}); only the button's POST verifies, so a mail
// scanner that opens links spends nothing.
func (h *Handlers) Verify(c *fiber.Ctx) error {
	c.Set(fiber.HeaderReferrerPolicy, "no-referrer")
	if err := h.Identity.VerificationOpen(c.UserContext(), c.Params("token")); err != nil {
		return h.verifyInvalid(c, err)
	}
	return h.Pages.RenderForm(c, fiber.StatusOK, "account/verify", web.NewForm(), nil)
}

// VerifySubmit verifies the address (POST /email/verify/{token}).
func (h *Handlers) VerifySubmit(c *fiber.Ctx) error {
	c.Set(fiber.HeaderReferrerPolicy, "no-referrer")
	u, err := h.Identity.VerifyEmail(c.UserContext(), c.Params("token"))
	if err != nil {
		return h.verifyInvalid(c, err)
	}
	if me := identity.UserOf(c); me != nil && me.ID == u.ID {
		return h.Pages.Redirect(c, h.homeOf(c.UserContext(), u.ID), "verify.done")
	}
	return h.Pages.Redirect(c, "/login", "verify.done")
}

func (h *Handlers) verifyInvalid(c *fiber.Ctx, err error) error {
	if !errors.Is(err, errs.ErrNotFound) {
		return err
	}
	return h.Pages.RenderForm(c, fiber.StatusNotFound, "account/verify_invalid", nil, nil)
}

// verifyStatus is what the signed-in verification page shows.
type verifyStatus struct {
	Email    string
	Verified bool
	CanMail  bool
}

// VerifyStatus shows whether the signed-in person's address is verified,
// with a button for a new link (GET /email/verify).
func (h *Handlers) VerifyStatus(c *fiber.Ctx) error {
	u := identity.UserOf(c)
	return h.Pages.RenderForm(c, fiber.StatusOK, "account/verify_status", web.NewForm(),
		verifyStatus{Email: u.Email, Verified: u.EmailVerified(), CanMail: h.Identity.MailVerification != nil})
}

// VerifyResend mails the signed-in person a new link (POST /email/verify).
func (h *Handlers) VerifyResend(c *fiber.Ctx) error {
	if err := h.Identity.SendVerification(c.UserContext(), identity.UserOf(c)); err != nil {
		return err
	}
	return h.Pages.Redirect(c, "/email/verify", "verify.sent")
}
