package programs

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/programs"
	"github.com/peduli/peduli/internal/tenancy"
)

// attendanceData is the attendance screen: the activity and one row per
// enrolled person.
type attendanceData struct {
	P       *programs.ProgramView // for the printed sheet
	A       *programs.ActivityView
	Rows    []programs.AttendanceRow
	Present int
	Saved   bool
}

// Attendance shows one big toggle per enrolled person
// (GET /t/{slug}/activities/{id}/attendance).
func (h *Handlers) Attendance(c *fiber.Ctx) error {
	d, err := h.attendance(c)
	if err != nil {
		return err
	}
	return h.Pages.Render(c, "programs/attendance", d)
}

// AttendanceSheet is the attendance as a sheet to print: group, program,
// activity and day, then one numbered row per member with her box ticked
// or empty and room to sign (GET /t/{slug}/activities/{id}/attendance/print).
func (h *Handlers) AttendanceSheet(c *fiber.Ctx) error {
	d, err := h.attendance(c)
	if err != nil {
		return err
	}
	if d.P, err = h.Programs.Program(c.UserContext(), h.Tenancy.ScopeOf(c), d.A.ProgramID); err != nil {
		return err
	}
	return h.Pages.Render(c, "programs/attendance_print", d)
}

func (h *Handlers) attendance(c *fiber.Ctx) (*attendanceData, error) {
	ctx, scope, id := c.UserContext(), h.Tenancy.ScopeOf(c), c.Params("id")
	a, err := h.Programs.Activity(ctx, scope, id)
	if err != nil {
		return nil, err
	}
	rows, err := h.Programs.Attendance(ctx, scope, id)
	if err != nil {
		return nil, err
	}
	d := &attendanceData{A: a, Rows: rows}
	for _, r := range rows {
		if r.Present {
			d.Present++
		}
	}
	return d, nil
}

// SaveAttendance replaces the activity's attendance with the ticked
// people, in one request and one service call
// (POST /t/{slug}/activities/{id}/attendance). Without JavaScript the
// browser is sent back to the screen with a message; with htmx only the
// summary line is swapped.
func (h *Handlers) SaveAttendance(c *fiber.Ctx) error {
	id := c.Params("id")
	present := formValues(c, "present")
	if present == nil {
		present = []string{}
	}
	_, err := h.Programs.MarkAttendance(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), id,
		programs.AttendanceInput{Present: present})
	if err != nil {
		return err
	}
	if c.Get("HX-Request") == "true" {
		d, err := h.attendance(c)
		if err != nil {
			return err
		}
		d.Saved = true
		return h.Pages.RenderBlock(c, "programs/attendance", "summary", d)
	}
	return h.Pages.Redirect(c, path(c, "/activities/"+id+"/attendance"), "programs.attendance_saved")
}
