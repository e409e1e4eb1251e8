package httpx

import "github.com/gofiber/fiber/v2"

// Created binds the body into an In, runs do with it and answers 201 with
// what do returns: the shape of every create handler, which only binds,
// calls the service and answers.
func Created[In any](c *fiber.Ctx, do func(in In) (any, error)) error {
	return write(c, fiber.StatusCreated, do)
}

// Saved is Created answering 200, for updates.
func Saved[In any](c *fiber.Ctx, do func(in In) (any, error)) error {
	return write(c, fiber.StatusOK, do)
}

func write[In any](c *fiber.Ctx, status int, do func(in In) (any, error)) error {
	var in In
	if err := Bind(c, &in); err != nil {
		return err
	}
	v, err := do(in)
	if err != nil {
		return err
	}
	return c.Status(status).JSON(v)
}

// Reply answers 200 with what do returns.
func Reply(c *fiber.Ctx, do func() (any, error)) error {
	v, err := do()
	if err != nil {
		return err
	}
	return c.JSON(v)
}

// Items answers 200 with what do returns as {"items": …}.
func Items(c *fiber.Ctx, do func() (any, error)) error {
	v, err := do()
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": v})
}
