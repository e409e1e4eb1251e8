package regions

import (
	"bufio"
	"errors"
	"log/slog"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/tenancy"
)

// Report answers the region report (GET /regions/{code}/report) as JSON,
// CSV or XLSX; a period it may not compute during the request is computed
// in the background, answered 202 with the result's Location. The files add each group's fund figures as the rollup
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
	if errors.Is(err, errBackground) {
		res, err := h.Service.QueueReport(c.UserContext(), r.Code, from, to)
		if err != nil {
			return err
		}
		return accepted(c, r.Code, res, format)
	}
	if err != nil {
		return err
	}
	return h.send(c, r, rep, format)
}

// ReportResult answers a report computed in the background
// (GET /regions/{code}/reports/{id}): 202 with Retry-After while it is
// queued or running, then the report in the format asked for, the files
// rendered from the stored figures now. A result of another region, or
// expired, is 404.
func (h *Handlers) ReportResult(c *fiber.Ctx) error {
	format := c.Query("format", "json")
	if format != "json" && format != "csv" && format != "xlsx" {
		return errs.Invalid("format", "oneof", "must be one of: json, csv, xlsx")
	}
	r := RegionOf(c)
	res, err := h.Service.ReportResult(c.UserContext(), r.Code, c.Params("id"))
	if err != nil {
		return err
	}
	if res == nil {
		return errs.ErrNotFound
	}
	if res.Status != "done" {
		return accepted(c, r.Code, res, format)
	}
	u := identity.UserOf(c)
	res.Report.GeneratedBy = u.Name + " <" + u.Email + ">"
	return h.send(c, r, res.Report, format)
}

// accepted answers 202 pointing at the result resource.
func accepted(c *fiber.Ctx, code string, res *ReportResult, format string) error {
	loc := "/api/v1/regions/" + code + "/reports/" + res.ID
	if format != "json" {
		loc += "?format=" + format
	}
	c.Set(fiber.HeaderLocation, loc)
	if res.Status != "done" {
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(int(RetryAfter/time.Second)))
	}
	return c.Status(fiber.StatusAccepted).JSON(fiber.Map{"status": res.Status, "location": loc})
}

// send writes rep in format: JSON, or a file streamed to the connection.
func (h *Handlers) send(c *fiber.Ctx, r *tenancy.Region, rep *Report, format string) error {
	from, to := rep.From, rep.To
	var err error
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
