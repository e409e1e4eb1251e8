package regions

import (
	"bufio"
	"log/slog"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/errs"
)

// Report answers the region report (GET /regions/{code}/report) as JSON,
// CSV or XLSX. The files add each group's fund figures as the rollup
// published them (the JSON's are in GET /regions/{code}/groups). A file is written straight to the connection as it is made,
// not gathered in a buffer first.
func (h *Handlers) Report(c *fiber.Ctx) error {
	format := c.Query("format", "json")
	if format != "json" && format != "csv" && format != "xlsx" {
		return errs.Invalid("format", "oneof", "must be one of: json, csv, xlsx")
	}
	from, to, err := Period(c.Query("from"), c.Query("to"), h.Service.Now())
	if err != nil {
		return err
	}
	r := RegionOf(c)
	u := identity.UserOf(c)
	rep, err := h.Service.Report(c.UserContext(), r, from, to, u.Name+" <"+u.Email+">")
	if err != nil {
		return err
	}
	var funds []FundRow
	if format != "json" {
		if funds, err = h.Service.ReportFunds(c.UserContext(), r.Code); err != nil {
			return err
		}
	}
	name := "peduli-" + r.Code + "-" + string(from) + "-" + string(to)
	var write func(w *bufio.Writer) error
	switch format {
	case "csv":
		c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
		write = func(w *bufio.Writer) error { return WriteCSV(w, rep, funds) }
	case "xlsx":
		c.Set(fiber.HeaderContentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		write = func(w *bufio.Writer) error { return WriteXLSX(w, rep, funds) }
	default:
		return c.JSON(fiber.Map{"report": rep, "suppression": suppressionNote()})
	}
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+name+`.`+format+`"`)
	log := h.Service.Log
	c.Context().SetBodyStreamWriter(func(w *bufio.Writer) {
		// The status is sent by now: a failure can only cut the file short,
		// which the client sees as a broken download.
		err := write(w)
		if err == nil {
			err = w.Flush()
		}
		if err != nil && log != nil {
			log.Warn("region report: writing the file", slog.String("format", format), slog.Any("error", err))
		}
	})
	return nil
}
