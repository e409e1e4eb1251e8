package registry

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/xuri/excelize/v2"

	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/i18n"
	"github.com/peduli/peduli/internal/regions"
	"github.com/peduli/peduli/internal/registry"
	"github.com/peduli/peduli/internal/tenancy"
)

// exportColumns are the message keys of the export's column headers.
var exportColumns = []string{"registry.export.name", "registry.export.nik", "registry.export.phone", "registry.export.village",
	"registry.export.birth_year", "registry.export.prse", "registry.export.consent", "registry.export.registered"}

// ListExport downloads the list as it is filtered, as CSV or a workbook
// (GET /t/{slug}/beneficiaries/download?format=csv|xlsx&prse=…), for roles
// that read personal data: NIK and phone are in clear, so every person in
// it is audited as a personal read. Headers follow the viewer's language;
// no cell can run as a spreadsheet formula.
func (h *Handlers) ListExport(c *fiber.Ctx) error {
	format := c.Query("format", "csv")
	if format != "csv" && format != "xlsx" {
		return errs.Invalid("format", "oneof", "must be csv or xlsx")
	}
	items, err := h.Registry.ExportList(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), registry.ListQuery{
		PRSE: c.Query("prse"), Program: c.Query("program"), Consent: c.Query("consent")})
	if err != nil {
		return err
	}
	loc := h.Pages.Localizer(c)
	rows := [][]string{make([]string, len(exportColumns))}
	for i, k := range exportColumns {
		rows[0][i] = loc.T(k)
	}
	for _, v := range items {
		rows = append(rows, exportRow(loc, v))
	}
	for _, r := range rows {
		for i := range r {
			r[i] = regions.SpreadsheetText(r[i])
		}
	}
	name := tenancy.TenantOf(c).Slug + "-" + loc.T("registry.export.file") + "-" + string(clock.Today(h.Registry.Now(), clock.Zone))
	c.Set(fiber.HeaderCacheControl, "no-store")
	var b bytes.Buffer
	if format == "csv" {
		w := csv.NewWriter(&b)
		if err := w.WriteAll(rows); err != nil {
			return err
		}
		c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
		c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+name+`.csv"`)
		return c.Send(b.Bytes())
	}
	if err := writeWorkbook(&b, loc.T("registry.list.title"), rows); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+name+`.xlsx"`)
	return c.Send(b.Bytes())
}

// exportRow is one person's cells, in the viewer's language.
func exportRow(loc *i18n.Localizer, v registry.View) []string {
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	year := ""
	if v.BirthYear != nil {
		year = strconv.Itoa(*v.BirthYear)
	}
	prse := loc.T("registry.filter.prse_unknown")
	if v.EligiblePRSE != nil {
		prse = map[bool]string{true: loc.T("registry.filter.prse_yes"), false: loc.T("registry.filter.prse_no")}[*v.EligiblePRSE]
	}
	purposes := make([]string, len(v.Consent.Purposes))
	for i, p := range v.Consent.Purposes {
		purposes[i] = loc.T("registry.purpose." + p)
	}
	// 0812… as people write it: "+62…" would read as a formula start.
	phone := str(v.Phone)
	if rest, ok := strings.CutPrefix(phone, "+62"); ok {
		phone = "0" + rest
	}
	return []string{v.Name, str(v.NIK), phone, v.Village, year, prse, strings.Join(purposes, "; "),
		v.CreatedAt.Format("2006-01-02")}
}

// writeWorkbook writes rows as one sheet with a bold header row.
func writeWorkbook(b *bytes.Buffer, sheet string, rows [][]string) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	head, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	for i, r := range rows {
		cells := make([]any, len(r))
		for j, s := range r {
			cells[j] = s
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &cells); err != nil {
			return err
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(rows[0]), 1)
	_ = f.SetCellStyle(sheet, "A1", last, head)
	_ = f.SetColWidth(sheet, "A", "A", 28)
	_ = f.SetColWidth(sheet, "B", "C", 20)
	return f.Write(b)
}
