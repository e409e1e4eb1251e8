package funds

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/jobs"
	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
)

// YearlySummary is one donor's gifts to a group in a year, for her tax
// records: every succeeded gift with its receipt number, and the total.
type YearlySummary struct {
	DonorEmail string        `json:"donor_email"`
	DonorName  string        `json:"donor_name"`
	Year       int           `json:"year"`
	Count      int           `json:"count"`
	Total      int64         `json:"total"`
	Currency   string        `json:"currency"`
	Gifts      []SummaryGift `json:"gifts"`
	locale     string
}

// SummaryGift is one line of a yearly summary.
type SummaryGift struct {
	Date          string `json:"date"`
	Amount        int64  `json:"amount"`
	ReceiptNumber string `json:"receipt_number"`
}

// YearlySummaries groups a year's succeeded gifts by donor email; gifts
// without an email cannot be summarised for anyone and are left out.
func (s *Service) YearlySummaries(ctx context.Context, scope db.Scope, year int) ([]YearlySummary, error) {
	if year < 2000 || year > 3000 {
		return nil, errs.Invalid("year", "year", "must be a year such as 2026")
	}
	var ds []Donation
	err := scope.Read(ctx, func(tx *db.Tenant) error {
		return tx.DB().Where("tenant_id = ? AND status = ? AND donor_email <> ''", tx.ID, StatusSucceeded).
			Order("donor_email, succeeded_at, id").Find(&ds).Error
	})
	if err != nil {
		return nil, err
	}
	by := map[string]*YearlySummary{}
	for i := range ds {
		d := &ds[i]
		date := ""
		if d.ReceivedOn != nil {
			date = day(*d.ReceivedOn)
		} else if d.SucceededAt != nil {
			date = d.SucceededAt.In(clock.Zone).Format(dateLayout)
		}
		if !strings.HasPrefix(date, fmt.Sprint(year)) {
			continue
		}
		sum, ok := by[d.DonorEmail]
		if !ok {
			sum = &YearlySummary{DonorEmail: d.DonorEmail, Year: year, Currency: Currency, Gifts: []SummaryGift{}, locale: d.Locale}
			by[d.DonorEmail] = sum
		}
		if d.DonorName != "" {
			sum.DonorName = d.DonorName
		}
		sum.Count++
		sum.Total += d.Amount
		sum.Gifts = append(sum.Gifts, SummaryGift{Date: date, Amount: d.Amount, ReceiptNumber: d.ReceiptNumber})
	}
	out := make([]YearlySummary, 0, len(by))
	for _, v := range by {
		out = append(out, *v)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].DonorEmail < out[j].DonorEmail })
	return out, nil
}

// SendYearlySummaries queues a mail of each donor's summary of the year
// and records who asked, in one transaction, and answers how many mails it
// queued. It needs SMTP; without it the treasurer reads the summaries from
// the list instead.
func (s *Service) SendYearlySummaries(ctx context.Context, scope db.Scope, actor audit.Actor, group string, year int) (int, error) {
	if s.Mailer == nil {
		return 0, errs.Conflict("smtp_not_configured", "email is not configured on this server (PEDULI_SMTP_URL)")
	}
	sums, err := s.YearlySummaries(ctx, scope, year)
	if err != nil {
		return 0, err
	}
	err = scope.Write(ctx, func(tx *db.Tenant) error {
		for _, sum := range sums {
			job := SummaryMail{TenantID: scope.TenantID(), Year: year, Donor: donorKey(sum.DonorEmail)}
			if err := s.Jobs.EnqueueTx(tx.DB(), job, jobs.Once); err != nil {
				return err
			}
		}
		return audit.Record(tx, actor, "send", "yearly_summary", fmt.Sprint(year), "donor_email")
	})
	if err != nil {
		return 0, err
	}
	return len(sums), nil
}
