package programs

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/httpx"
	"github.com/peduli/peduli/internal/tenancy"
)

// Handlers serves the catalog and a tenant's programs over JSON. The route
// table names each route's permission; handlers only bind, call the
// service and answer.
type Handlers struct {
	Service *Service
	Tenancy *tenancy.Service
}

// Templates lists the catalog (GET /api/v1/program-templates[?all=1]).
func (h *Handlers) Templates(c *fiber.Ctx) error {
	items, err := h.Service.Templates(c.UserContext(), c.Query("all") == "1" || c.Query("all") == "true")
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": items})
}

// AddTemplate adds a catalog version (POST /api/v1/admin/program-templates),
// for platform admins only, behind identity.RequirePlatformAdmin.
func (h *Handlers) AddTemplate(c *fiber.Ctx) error {
	u := identity.UserOf(c)
	var in TemplateInput
	if err := httpx.Decode(c, &in); err != nil {
		return err
	}
	v, err := h.Service.AddTemplateVersion(c.UserContext(), u.ID, in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(v)
}

// Programs lists the tenant's programs (GET …/programs).
func (h *Handlers) Programs(c *fiber.Ctx) error {
	items, err := h.Service.Programs(c.UserContext(), h.Tenancy.ScopeOf(c))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": items})
}

// CreateProgram starts a program (POST …/programs).
func (h *Handlers) CreateProgram(c *fiber.Ctx) error {
	var in ProgramInput
	if err := httpx.Decode(c, &in); err != nil {
		return err
	}
	v, err := h.Service.CreateProgram(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(v)
}

// Program answers one program (GET …/programs/{id}).
func (h *Handlers) Program(c *fiber.Ctx) error {
	v, err := h.Service.Program(c.UserContext(), h.Tenancy.ScopeOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(v)
}

// UpdateProgram changes a program's name, description, status or end (PATCH …/programs/{id}).
func (h *Handlers) UpdateProgram(c *fiber.Ctx) error {
	var in ProgramPatch
	if err := httpx.Decode(c, &in); err != nil {
		return err
	}
	v, err := h.Service.UpdateProgram(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"), in)
	if err != nil {
		return err
	}
	return c.JSON(v)
}

// Enroll enrolls a beneficiary (POST …/programs/{id}/enrollments).
func (h *Handlers) Enroll(c *fiber.Ctx) error {
	var in EnrollInput
	if err := httpx.Decode(c, &in); err != nil {
		return err
	}
	v, err := h.Service.Enroll(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"), in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(v)
}

// Members lists a program's members by name (GET …/programs/{id}/enrollments).
func (h *Handlers) Members(c *fiber.Ctx) error {
	items, err := h.Service.Members(c.UserContext(), h.Tenancy.ScopeOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": items})
}

// RecordActivity records an activity (POST …/programs/{id}/activities).
func (h *Handlers) RecordActivity(c *fiber.Ctx) error {
	var in ActivityInput
	if err := httpx.Decode(c, &in); err != nil {
		return err
	}
	v, err := h.Service.RecordActivity(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"), in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(v)
}

// Activities lists a program's activities (GET …/programs/{id}/activities).
func (h *Handlers) Activities(c *fiber.Ctx) error {
	items, err := h.Service.Activities(c.UserContext(), h.Tenancy.ScopeOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": items})
}

// Activity answers one activity (GET …/activities/{id}).
func (h *Handlers) Activity(c *fiber.Ctx) error {
	v, err := h.Service.Activity(c.UserContext(), h.Tenancy.ScopeOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(v)
}

// MarkAttendance replaces an activity's attendance (PUT …/activities/{id}/attendance).
func (h *Handlers) MarkAttendance(c *fiber.Ctx) error {
	var in AttendanceInput
	if err := httpx.Decode(c, &in); err != nil {
		return err
	}
	v, err := h.Service.MarkAttendance(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"), in)
	if err != nil {
		return err
	}
	return c.JSON(v)
}

// Attendance lists the program's members with their presence (GET …/activities/{id}/attendance).
func (h *Handlers) Attendance(c *fiber.Ctx) error {
	items, err := h.Service.Attendance(c.UserContext(), h.Tenancy.ScopeOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"activity_id": c.Params("id"), "items": items})
}

// RecordOutcome records a measurement (POST …/beneficiaries/{id}/outcomes); 409 if the period exists.
func (h *Handlers) RecordOutcome(c *fiber.Ctx) error { return h.saveOutcome(c, false) }

// CorrectOutcome records or corrects a measurement (PUT …/beneficiaries/{id}/outcomes).
func (h *Handlers) CorrectOutcome(c *fiber.Ctx) error { return h.saveOutcome(c, true) }

func (h *Handlers) saveOutcome(c *fiber.Ctx, replace bool) error {
	var in OutcomeInput
	if err := httpx.Decode(c, &in); err != nil {
		return err
	}
	v, created, err := h.Service.RecordOutcome(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"), in, replace)
	if err != nil {
		return err
	}
	if created {
		c.Status(fiber.StatusCreated)
	}
	return c.JSON(v)
}

// Progress answers a beneficiary's progress and graduation readiness (GET …/beneficiaries/{id}/progress).
func (h *Handlers) Progress(c *fiber.Ctx) error {
	v, err := h.Service.Progress(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(v)
}

// Outcomes lists a beneficiary's measurements (GET …/beneficiaries/{id}/outcomes).
func (h *Handlers) Outcomes(c *fiber.Ctx) error {
	items, err := h.Service.Outcomes(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": items})
}

// Withdraw ends a membership (DELETE …/enrollments/{id}).
func (h *Handlers) Withdraw(c *fiber.Ctx) error {
	if err := h.Service.Withdraw(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id")); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// ProgramProgress answers every member's progress in a program (GET …/programs/{id}/progress).
func (h *Handlers) ProgramProgress(c *fiber.Ctx) error {
	v, err := h.Service.ProgramProgress(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(v)
}

// UpdateActivity corrects an activity (PATCH …/activities/{id}).
func (h *Handlers) UpdateActivity(c *fiber.Ctx) error {
	var in ActivityPatch
	if err := httpx.Decode(c, &in); err != nil {
		return err
	}
	v, err := h.Service.UpdateActivity(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"), in)
	if err != nil {
		return err
	}
	return c.JSON(v)
}

// DeleteActivity removes an activity nobody was marked present at
// (DELETE …/activities/{id}); 409 activity_has_attendance otherwise.
func (h *Handlers) DeleteActivity(c *fiber.Ctx) error {
	if _, err := h.Service.DeleteActivity(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id")); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
