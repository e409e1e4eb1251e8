package app

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/access"
	programpages "github.com/peduli/peduli/internal/web/programs"
)

// programsPages is the page table of programs, activities, attendance and
// outcomes. Viewers see programs and counts; pages with names need
// people:read and the monthly sheet, which shows income, outcomes:write.
func (a *App) programsPages() []page {
	h := &programpages.Handlers{Pages: a.Pages, Tenancy: a.Tenancy, Programs: a.Programs, Registry: a.Registry}
	return []page{
		{method: fiber.MethodGet, path: "/programs", perm: access.ProgramsRead, nav: "nav.programs", handler: h.List},
		{method: fiber.MethodGet, path: "/programs/new", perm: access.ProgramsWrite, handler: h.New},
		{method: fiber.MethodPost, path: "/programs", perm: access.ProgramsWrite, handler: h.Create},
		{method: fiber.MethodGet, path: "/programs/:id", perm: access.ProgramsRead, handler: h.Detail},
		{method: fiber.MethodGet, path: "/programs/:id/edit", perm: access.ProgramsWrite, handler: h.EditProgram},
		{method: fiber.MethodPost, path: "/programs/:id/edit", perm: access.ProgramsWrite, handler: h.SaveProgram},
		{method: fiber.MethodPost, path: "/programs/:id/withdraw", perm: access.PeopleWrite, handler: h.Withdraw},
		{method: fiber.MethodGet, path: "/activities/:id/edit", perm: access.ActivityWrite, handler: h.EditActivity},
		{method: fiber.MethodPost, path: "/activities/:id/edit", perm: access.ActivityWrite, handler: h.SaveActivity},
		{method: fiber.MethodPost, path: "/activities/:id/delete", perm: access.ActivityWrite, handler: h.DeleteActivity},
		{method: fiber.MethodGet, path: "/programs/:id/enroll", perm: access.PeopleWrite, handler: h.EnrollForm},
		{method: fiber.MethodPost, path: "/programs/:id/enroll/search", perm: access.PeopleWrite, handler: h.EnrollForm},
		{method: fiber.MethodPost, path: "/programs/:id/enrollments", perm: access.PeopleWrite, handler: h.Enroll},
		{method: fiber.MethodPost, path: "/programs/:id/activities", perm: access.ActivityWrite, handler: h.AddActivity},
		{method: fiber.MethodGet, path: "/programs/:id/outcomes", perm: access.OutcomesWrite, handler: h.Outcomes},
		{method: fiber.MethodPost, path: "/programs/:id/outcomes", perm: access.OutcomesWrite, handler: h.SaveOutcomes},
		{method: fiber.MethodGet, path: "/activities/:id/attendance", perm: access.PeopleRead, handler: h.Attendance},
		{method: fiber.MethodGet, path: "/activities/:id/attendance/print", perm: access.PeopleRead, handler: h.AttendanceSheet},
		{method: fiber.MethodPost, path: "/activities/:id/attendance", perm: access.ActivityWrite, handler: h.SaveAttendance},
	}
}
