package devseed

import (
	"fmt"
	"time"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/funds"
)

var expenseCategories = []string{funds.OperatingCostCategory, "bahan baku", "pelatihan", "transportasi"}

// money records two hand-given gifts a month (each with its receipt
// number, income entry and receipt link) and one expense a month; an
// expense over the approval threshold waits for approval, as in the app.
func (p *plan) money(g *gen, gr group, actors []audit.Actor, rs *rows) error {
	series := funds.GroupReceiptSeries(gr.tenant.ID)
	rs.receipts = map[int]int64{}
	var programID string
	if len(rs.programs) > 0 {
		programID = rs.programs[0].ID
	}
	for _, month := range p.months() {
		for _, d := range []int{3, 17} {
			on := month.AddDate(0, 0, d-1)
			if on.After(p.o.Until) || on.Before(p.start) {
				continue
			}
			at := on.Add(time.Duration(1+g.intn(8)) * time.Hour) // 09:00–16:00 in WITA
			in := funds.RecordInput{Amount: int64(25_000+g.intn(40)*25_000) * 100, Currency: funds.Currency,
				Method:     pick(g, []string{funds.ChannelCash, funds.ChannelCash, funds.ChannelTransfer}),
				ReceivedOn: on.Format("2006-01-02"), Anonymous: g.chance(0.1), Locale: "id"}
			if !in.Anonymous {
				in.Donor.Name = g.personName()
				in.ShowName = g.chance(0.5)
				if g.chance(0.5) {
					in.Donor.Email = fmt.Sprintf("donatur%d@%s.seed.test", g.intn(1000), gr.tenant.Slug)
				}
			}
			if g.chance(0.3) {
				in.ProgramID = programID
			}
			year := funds.ReceiptYear(at)
			rs.receipts[year]++
			number := funds.ReceiptNumber(series, year, rs.receipts[year])
			gift, err := p.d.Funds.PrepareRecord(gr.tenant.ID, g.id(at), g.id(at), g.id(at), pick(g, actors), in, number, at)
			if err != nil {
				return err
			}
			rs.donations = append(rs.donations, gift.Donation)
			rs.entries = append(rs.entries, gift.Entry)
			rs.routes = append(rs.routes, gift.Route)
			rs.audit = append(rs.audit, gift.Audit)
		}
		on := month.AddDate(0, 0, 24)
		if on.After(p.o.Until) || on.Before(p.start) {
			continue
		}
		at := on.Add(time.Duration(1+g.intn(8)) * time.Hour)
		in := funds.EntryInput{Kind: funds.KindExpense, Amount: int64(50_000+g.intn(24)*50_000) * 100,
			Currency: funds.Currency, Category: pick(g, expenseCategories), OccurredOn: on.Format("2006-01-02"),
			Note: "Belanja kelompok"}
		e, ev, err := funds.PrepareExpense(gr.tenant.ID, g.id(at), g.id(at), pick(g, actors), in,
			funds.DefaultApprovalThreshold, at)
		if err != nil {
			return err
		}
		rs.entries = append(rs.entries, e)
		rs.audit = append(rs.audit, ev)
	}
	return nil
}
