package browser_test

import (
	"strings"

	"github.com/chromedp/chromedp"
)

// After attendance, the facilitator corrects the activity, prints the
// attendance sheet, opens the program's edit page, filters the list and
// prints a member card — every page on her 360 px phone.
func init() {
	journeySteps = append(journeySteps,
		step{"facilitator corrects the activity and prints the attendance sheet", correctAndPrint},
		step{"facilitator filters the list and prints a member card", filterAndCard},
	)
}

func correctAndPrint(j *journey) {
	f := j.facilitator
	f.open("/t/" + j.slug + "/programs")
	f.onPage("programs/list")
	f.tap(`main ul.list a`)
	f.onPage("programs/program")
	f.tap(`main ul.list a[href*="/activities/"][href$="/edit"]`)
	f.onPage("programs/activity_edit")
	f.sees(f.T("programs.activity_delete.blocked", "Present", 2))
	f.do(chromedp.SetValue(chromedp.CSS(`[name="title"]`), "Pertemuan pertama (Januari)"))
	f.shot("activity-edit")
	f.tap(`main form[action$="/edit"] .actions button[type=submit]`)
	f.onPage("programs/program")
	f.sees(f.T("programs.activity_saved"), "Pertemuan pertama (Januari)")
	f.tap(`main .actions a[href$="/edit"]`)
	f.onPage("programs/edit")
	f.sees(f.T("programs.status.closed"), f.T("programs.edit.close_help"))
	f.shot("program-edit")
	f.open("/t/" + j.slug + "/programs")
	f.onPage("programs/list")
	f.tap(`main ul.list a`)
	f.onPage("programs/program")
	f.tap(`main ul.list a[href$="/attendance"]`)
	f.onPage("programs/attendance")
	f.tap(`main a[href$="/attendance/print"]`)
	f.onPage("programs/attendance_print")
	f.sees(f.T("programs.sheet.title"), f.T("programs.sheet.sign"), beneficiaryNames[0], beneficiaryNames[1])
	f.shot("attendance-sheet")
}

func filterAndCard(j *journey) {
	f := j.facilitator
	f.open("/t/" + j.slug + "/beneficiaries?consent=sharing")
	f.onPage("registry/list")
	f.sees(f.T("registry.filter.title"), f.T("registry.search_none"))
	f.shot("list-filtered-empty")
	f.open("/t/" + j.slug + "/beneficiaries?consent=reporting&prse=unknown")
	f.onPage("registry/list")
	f.sees(beneficiaryNames[0], beneficiaryNames[1], f.T("registry.export.csv"))
	f.shot("list-filtered")
	f.tap(`main ul.list a`)
	f.onPage("registry/detail")
	f.tap(`main a[href$="/card"]`)
	f.onPage("registry/card")
	body := f.bodyText()
	if !strings.Contains(body, f.T("registry.card.since")) || strings.Contains(body, "****") {
		f.shot("card-wrong")
		j.s.t.Fatalf("member card shows:\n%s", body)
	}
	f.shot("member-card")
}
