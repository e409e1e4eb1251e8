package app

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/programs"
)

// programHandlers builds the programs feature's HTTP handlers.
func (a *App) programHandlers() *programs.Handlers {
	return &programs.Handlers{Service: a.Programs, Tenancy: a.Tenancy}
}

// programCatalogRoutes are the signed-in routes of the template catalog.
func (a *App) programCatalogRoutes() []route {
	h := a.programHandlers()
	return []route{
		{method: fiber.MethodGet, path: "/program-templates", handler: h.Templates},
	}
}

// programRoutes is the workspace route table of programs. Lists that show
// names (members, attendance) need people:read; progress (a member's or a
// whole program's) and the outcomes list show income: personal:read.
func (a *App) programRoutes() []route {
	h := a.programHandlers()
	return []route{
		{method: fiber.MethodGet, path: "/programs", perm: access.ProgramsRead, handler: h.Programs},
		{method: fiber.MethodPost, path: "/programs", perm: access.ProgramsWrite, handler: h.CreateProgram},
		{method: fiber.MethodGet, path: "/programs/:id", perm: access.ProgramsRead, handler: h.Program},
		{method: fiber.MethodPatch, path: "/programs/:id", perm: access.ProgramsWrite, handler: h.UpdateProgram},
		{method: fiber.MethodGet, path: "/programs/:id/enrollments", perm: access.PeopleRead, handler: h.Members},
		{method: fiber.MethodPost, path: "/programs/:id/enrollments", perm: access.PeopleWrite, handler: h.Enroll},
		{method: fiber.MethodDelete, path: "/enrollments/:id", perm: access.PeopleWrite, handler: h.Withdraw},
		{method: fiber.MethodGet, path: "/programs/:id/progress", perm: access.PersonalRead, handler: h.ProgramProgress},
		{method: fiber.MethodGet, path: "/programs/:id/activities", perm: access.ProgramsRead, handler: h.Activities},
		{method: fiber.MethodPost, path: "/programs/:id/activities", perm: access.ActivityWrite, handler: h.RecordActivity},
		{method: fiber.MethodGet, path: "/activities/:id", perm: access.ProgramsRead, handler: h.Activity},
		{method: fiber.MethodPatch, path: "/activities/:id", perm: access.ActivityWrite, handler: h.UpdateActivity},
		{method: fiber.MethodDelete, path: "/activities/:id", perm: access.ActivityWrite, handler: h.DeleteActivity},
		{method: fiber.MethodGet, path: "/activities/:id/attendance", perm: access.PeopleRead, handler: h.Attendance},
		{method: fiber.MethodPut, path: "/activities/:id/attendance", perm: access.ActivityWrite, handler: h.MarkAttendance},
		{method: fiber.MethodGet, path: "/beneficiaries/:id/outcomes", perm: access.PersonalRead, handler: h.Outcomes},
		{method: fiber.MethodPost, path: "/beneficiaries/:id/outcomes", perm: access.OutcomesWrite, handler: h.RecordOutcome},
		{method: fiber.MethodPut, path: "/beneficiaries/:id/outcomes", perm: access.OutcomesWrite, handler: h.CorrectOutcome},
		{method: fiber.MethodGet, path: "/beneficiaries/:id/progress", perm: access.PersonalRead, handler: h.Progress},
	}
}
