package regions

import "unicode"

// formulaStarts are the characters a spreadsheet reads as the start of a
// formula, with their full-width and small forms (an IME types these, and
// some spreadsheets fold them to ASCII) and the minus sign.
const formulaStarts = "=+-@＝＋－＠﹦﹢﹣﹫−"

// spreadsheetText keeps a spreadsheet from reading text as a formula: a
// group's name is typed by whoever signed it up, and "=HYPERLINK(…)" runs
// when the coordinator opens the file. Spreadsheets skip leading blanks
// and invisible characters before deciding, so the first character that
// is neither decides; tab and carriage return anywhere in that lead are
// refused too. Such text gets a leading apostrophe, which every
// spreadsheet shows as text.
func spreadsheetText(s string) string {
	if formulaLike(s) {
		return "'" + s
	}
	return s
}

func formulaLike(s string) bool {
	for _, r := range s {
		switch {
		case r == '\t' || r == '\r':
			return true
		case unicode.IsSpace(r) || invisible(r):
			continue
		}
		for _, f := range formulaStarts {
			if r == f {
				return true
			}
		}
		return false
	}
	return false
}

// invisible reports format characters that print nothing: zero-width
// spaces and joiners, the byte-order mark, bidirectional marks and the
// soft hyphen (Unicode category Cf), and other controls.
func invisible(r rune) bool {
	return unicode.Is(unicode.Cf, r) || unicode.IsControl(r) || r == '\u3164' || r == '\u115f' || r == '\u1160'
}

// SpreadsheetText is the formula guard for other features' exports: every
// text cell of a CSV or workbook a person opens goes through it.
func SpreadsheetText(s string) string { return spreadsheetText(s) }
