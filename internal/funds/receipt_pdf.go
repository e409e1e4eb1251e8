package funds

import (
	"bytes"
	"strconv"
	"time"

	"github.com/go-pdf/fpdf"
)

// receiptLabels are the receipt's fixed words in each language.
var receiptLabels = map[string]map[string]string{
	"id": {"title": "Tanda Terima Donasi", "number": "Nomor", "date": "Tanggal", "donor": "Donatur",
		"amount": "Jumlah", "group": "Untuk kelompok", "program": "Program", "host": "Diterima oleh",
		"permit": "Izin PUB", "monthly": "Donasi bulanan", "method": "Cara", "thanks": "Terima kasih atas kepedulian Anda.",
		"pending": "Pembayaran belum dikonfirmasi.", "refunded": "Donasi ini telah dikembalikan."},
	"en": {"title": "Donation Receipt", "number": "Number", "date": "Date", "donor": "Donor",
		"amount": "Amount", "group": "For the group", "program": "Program", "host": "Received by",
		"permit": "Fundraising permit", "monthly": "Monthly gift", "method": "Method", "thanks": "Thank you for caring.",
		"pending": "The payment is not confirmed yet.", "refunded": "This donation was refunded."},
}

// methodNames name a gift's channel on the PDF, Indonesian (false) or English (true).
var methodNames = map[bool]map[string]string{
	false: {ChannelOnline: "Donasi daring", ChannelCash: "Tunai", ChannelTransfer: "Transfer bank", ChannelInKind: "Barang (dinilai)"},
	true:  {ChannelOnline: "Online gift", ChannelCash: "Cash", ChannelTransfer: "Bank transfer", ChannelInKind: "In kind (valued)"},
}

var monthNames = map[bool][12]string{
	false: {"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"},
	true:  {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// longDate writes a YYYY-MM-DD day as people read it: "20 November 2026".
func longDate(iso, locale string) string {
	t, err := time.Parse(dateLayout, iso)
	if err != nil {
		return iso
	}
	return strconv.Itoa(t.Day()) + " " + monthNames[locale == "en"][t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// labelsFor returns the labels of a locale, Indonesian by default.
func labelsFor(locale string) map[string]string {
	if l, ok := receiptLabels[locale]; ok {
		return l
	}
	return receiptLabels["id"]
}

// PDF renders the receipt as a one-page A4 PDF.
func (v ReceiptView) PDF() ([]byte, error) {
	l := labelsFor(v.Locale)
	pdf := fpdf.New("P", "mm", "A4", "")
	tr := pdf.UnicodeTranslatorFromDescriptor("") // UTF-8 → the core fonts' cp1252
	pdf.SetTitle(l["title"]+" "+v.Number, true)
	pdf.AddPage()
	pdf.SetFont("Helvetica", "B", 18)
	pdf.CellFormat(0, 12, tr(l["title"]), "", 1, "L", false, 0, "")
	pdf.SetFont("Helvetica", "", 11)
	rows := [][2]string{{l["number"], v.Number}, {l["date"], longDate(v.Date, v.Locale)}, {l["donor"], v.Donor},
		{l["amount"], v.AmountText}, {l["method"], methodNames[v.Locale == "en"][v.Method]}, {l["group"], v.Group}}
	if v.Program != "" {
		rows = append(rows, [2]string{l["program"], v.Program})
	}
	if v.Host != "" {
		rows = append(rows, [2]string{l["host"], v.Host}, [2]string{l["permit"], v.PermitNumber})
	}
	if v.Monthly {
		rows = append(rows, [2]string{"", l["monthly"]})
	}
	for _, r := range rows {
		pdf.CellFormat(50, 8, tr(r[0]), "", 0, "L", false, 0, "")
		pdf.CellFormat(0, 8, tr(r[1]), "", 1, "L", false, 0, "")
	}
	pdf.Ln(6)
	pdf.MultiCell(0, 6, tr(v.note(l)), "", "L", false)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// note is the closing line: thanks, or why this is not (yet) a receipt.
func (v ReceiptView) note(l map[string]string) string {
	switch v.Status {
	case StatusSucceeded:
		return l["thanks"]
	case StatusRefunded:
		return l["refunded"]
	}
	return l["pending"]
}
