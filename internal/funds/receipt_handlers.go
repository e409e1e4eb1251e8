package funds

import (
	"github.com/gofiber/fiber/v2"
)

// Receipt answers GET /api/v1/public/receipts/{token}.
func (h *Handlers) Receipt(c *fiber.Ctx) error {
	r, err := h.Service.ReceiptByToken(c.UserContext(), c.Params("token"))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(r.View())
}
