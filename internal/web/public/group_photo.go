package public

import (
	"github.com/gofiber/fiber/v2"
)

// GroupPhoto serves a group's photo for its public page
// (GET /g/{slug}/photo/{name}). Only the group's current photo is served,
// only while its public page is; the name changes with each new photo, so
// browsers and caches may keep it for a year.
func (h *Handlers) GroupPhoto(c *fiber.Ctx) error {
	name := c.Params("name")
	etag := `"` + name + `"`
	data, err := h.Tenancy.PublicPhoto(c.UserContext(), c.Params("slug"), name)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
	c.Set(fiber.HeaderETag, etag)
	if c.Get(fiber.HeaderIfNoneMatch) == etag {
		return c.SendStatus(fiber.StatusNotModified)
	}
	c.Set(fiber.HeaderContentType, "image/jpeg")
	return c.Send(data)
}
