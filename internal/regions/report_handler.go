package regions

import (
	"bytes"

	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/errs"
)

// Report answers the region report (GET /regions/{code}/report) as JSON,
// CSV or XLSX. The files add each group's fund figures as the rollup
// published them (the JSON's are in GET /regions/{code}/groups).
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
	switch format {
	case "csv":
		var b bytes.Buffer
		if err := WriteCSV(&b, rep, funds); err != nil {
			return err
		}
		c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
		c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+name+`.csv"`)
		return c.Send(b.Bytes())
	case "xlsx":
		var b bytes.Buffer
		if err := WriteXLSX(&b, rep, funds); err != nil {
			return err
		}
		c.Set(fiber.HeaderContentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+name+`.xlsx"`)
		return c.Send(b.Bytes())
	}
	return c.JSON(fiber.Map{"report": rep, "suppression": suppressionNote()})
}
