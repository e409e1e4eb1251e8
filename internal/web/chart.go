package web

import (
	"github.com/peduli/peduli/internal/platform/i18n"
	"github.com/peduli/peduli/internal/regions/chart"
)

// ChartMonth labels a YYYY-MM period for a chart in the page's language:
// "Des 2025", "Dec 2025".
func ChartMonth(l *i18n.Localizer, period string) string {
	return chart.Month(period, [12]string{l.T("dashboard.month.01"), l.T("dashboard.month.02"), l.T("dashboard.month.03"),
		l.T("dashboard.month.04"), l.T("dashboard.month.05"), l.T("dashboard.month.06"), l.T("dashboard.month.07"),
		l.T("dashboard.month.08"), l.T("dashboard.month.09"), l.T("dashboard.month.10"), l.T("dashboard.month.11"),
		l.T("dashboard.month.12")})
}

// ChartRupiah renders whole rupiah on a chart's axis in the page's
// language: "Rp 1 jt", "Rp 1 m".
func ChartRupiah(l *i18n.Localizer) chart.Format {
	return chart.Rupiah(chart.Units{Thousand: l.T("dashboard.axis.thousand"), Million: l.T("dashboard.axis.million"),
		Billion: l.T("dashboard.axis.billion"), Decimal: l.T("dashboard.axis.decimal")})
}
