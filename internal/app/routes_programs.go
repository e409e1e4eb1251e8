package app

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/access"
	"github.com/peduli/peduli/internal/programs"
)

// programHandlers builds the programs feature's HTTP handlers.
func (a *App) programHandlers() *programs.Handlers {
	return &programs.Handlers{Service: a.Programs, Tenancy: a.Tenancy, Access: a.Access}
}

// programCatalogRoutes are the signed-in routes of the template catalog;
// adding a version checks for a platform admin inside the handler.
func (a *App) programCatalogRoutes() []route {
	h := a.programHandlers()
	return []route{
		{method: fiber.MethodGet, path: "/program-templates", handler: h.Templates},
		{method: fiber.MethodPost, path: "/admin/program-templates", handler: h.AddTemplate},
	}
}

// programRoutes is the workspace route table of programs. Lists that show
// names (members, attendance) need people:read; progress (a member's or a
// whole program's) and the outcomes list show income: personal:read.
func (a *App) programRoutes() []route {
	h := a.programHandlers()
	return []route{
		{fiber.MethodGet, "/programs", access.ProgramsRead, h.Programs},
		{fiber.MethodPost, "/programs", access.ProgramsWrite, h.CreateProgram},
		{fiber.MethodGet, "/programs/:id", access.ProgramsRead, h.Program},
		{fiber.MethodPatch, "/programs/:id", access.ProgramsWrite, h.UpdateProgram},
		{fiber.MethodGet, "/programs/:id/enrollments", access.PeopleRead, h.Members},
		{fiber.MethodPost, "/programs/:id/enrollments", access.PeopleWrite, h.Enroll},
		{fiber.MethodDelete, "/enrollments/:id", access.PeopleWrite, h.Withdraw},
		{fiber.MethodGet, "/programs/:id/progress", access.PersonalRead, h.ProgramProgress},
		{fiber.MethodGet, "/programs/:id/activities", access.ProgramsRead, h.Activities},
		{fiber.MethodPost, "/programs/:id/activities", access.ActivityWrite, h.RecordActivity},
		{fiber.MethodGet, "/activities/:id", access.ProgramsRead, h.Activity},
		{fiber.MethodPatch, "/activities/:id", access.ActivityWrite, h.UpdateActivity},
		{fiber.MethodDelete, "/activities/:id", access.ActivityWrite, h.DeleteActivity},
		{fiber.MethodGet, "/activities/:id/attendance", access.PeopleRead, h.Attendance},
		{fiber.MethodPut, "/activities/:id/attendance", access.ActivityWrite, h.MarkAttendance},
		{fiber.MethodGet, "/beneficiaries/:id/outcomes", access.PersonalRead, h.Outcomes},
		{fiber.MethodPost, "/beneficiaries/:id/outcomes", access.OutcomesWrite, h.RecordOutcome},
		{fiber.MethodPut, "/beneficiaries/:id/outcomes", access.OutcomesWrite, h.CorrectOutcome},
		{fiber.MethodGet, "/beneficiaries/:id/progress", access.PersonalRead, h.Progress},
	}
}
