package funds

import (
	"context"
	"fmt"
	"sort"

	"github.com/peduli/peduli/internal/platform/clock"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/tenancy"
)

// PublicGroup is a group's public profile (GET /api/v1/public/groups/{slug}).
type PublicGroup struct {
	// TenantID is for the server's own further reads (PublicSummary); it
	// is not part of the answer.
	TenantID        string            `json:"-"`
	Slug            string            `json:"slug"`
	Name            string            `json:"name"`
	Story           map[string]string `json:"story"`
	Work            string            `json:"work"`
	MeetingPlace    string            `json:"meeting_place"`
	ContactWhatsApp string            `json:"contact_whatsapp"`
	// PhotoURL is the path of the group's photo, omitted when it has none.
	PhotoURL         string            `json:"photo_url,omitempty"`
	Region           map[string]string `json:"region"`
	Verified         bool              `json:"verified"`
	Programs         []PublicProgram   `json:"programs"`
	DonationsEnabled bool              `json:"donations_enabled"`
	DisabledReason   string            `json:"donations_disabled_reason,omitempty"`
	DisabledMessage  string            `json:"donations_disabled_message,omitempty"`
	Host             *PublicHost       `json:"host"`
	MinAmount        int64             `json:"min_amount"`
	MaxAmount        int64             `json:"max_amount"`
	Currency         string            `json:"currency"`
}

// PublicProgram is a program as the public sees it.
type PublicProgram struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Category string `json:"category"`
}

// PublicHost is the host receiving a group's online gifts.
type PublicHost struct {
	Name         string `json:"name"`
	PermitNumber string `json:"permit_number"`
	PermitArea   string `json:"permit_area"`
	ValidUntil   string `json:"permit_valid_until"`
}

// publicTenant resolves a slug for the public: unknown is 404, suspended 410.
func (s *Service) publicTenant(ctx context.Context, slug string) (*tenancy.Tenant, error) {
	t, err := s.Tenancy.Store.TenantBySlug(ctx, slug)
	if err != nil {
		return nil, err
	}
	if t.Status != tenancy.StatusActive {
		return nil, errs.ErrGone
	}
	return t, nil
}

// PublicGroup returns a group's public profile and whether it takes
// online donations (and if not, why).
func (s *Service) PublicGroup(ctx context.Context, slug string) (*PublicGroup, error) {
	t, err := s.publicTenant(ctx, slug)
	if err != nil {
		return nil, err
	}
	el, err := s.EligibilityOf(ctx, t)
	if err != nil {
		return nil, err
	}
	g := &PublicGroup{TenantID: t.ID, Slug: t.Slug, Name: t.Name, Story: map[string]string{"id": t.Story, "en": t.StoryEN},
		Work: t.Work, MeetingPlace: t.MeetingPlace, ContactWhatsApp: t.ContactWhatsApp, PhotoURL: tenancy.PhotoURL(t),
		Region: map[string]string{"code": t.RegionCode, "village": t.Village, "district": t.District,
			"regency": t.Regency, "province": t.Province},
		Verified: t.Verified, Programs: []PublicProgram{}, DonationsEnabled: el.Enabled,
		MinAmount: MinOnlineAmount, MaxAmount: MaxOnlineAmount, Currency: Currency}
	if !el.Enabled {
		g.DisabledReason, g.DisabledMessage = el.Reason, reasonText[el.Reason]
	}
	if h := el.Host; h != nil {
		g.Host = &PublicHost{Name: h.Name, PermitNumber: h.PermitNumber, PermitArea: h.PermitArea, ValidUntil: day(h.ValidUntil)}
	}
	err = s.DB.Scope(t.ID).Read(ctx, func(tx *db.Tenant) error {
		progs, err := s.Programs.ActivePrograms(tx)
		for _, p := range progs {
			g.Programs = append(g.Programs, PublicProgram{ID: p.ID, Name: p.Name, Category: p.Category})
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("funds: public group: %w", err)
	}
	return g, nil
}

// PublicLedger is where a group's money came from and went
// (GET /api/v1/public/groups/{slug}/ledger). It names no donor who did not
// choose to be named.
type PublicLedger struct {
	Group         string           `json:"group"`
	Totals        Totals           `json:"totals"`
	BySource      map[string]int64 `json:"income_by_source"`
	ByProgram     []ProgramTotals  `json:"by_program"`
	ByCategory    map[string]int64 `json:"spending_by_category"`
	OperatingCost OperatingCost    `json:"operating_cost"`
	RecentGifts   []PublicGift     `json:"recent_gifts"`
	// ApprovalThreshold is the two-person rule in force: expenses above it
	// count only once a second person approved them.
	ApprovalThreshold int64                   `json:"approval_threshold"`
	ThresholdChanges  []PublicThresholdChange `json:"approval_threshold_changes"`
	// CapitalAssistance follows earmarked money to members' enterprises:
	// per program, how much went as capital assistance to how many
	// enterprises, counting only assistance whose expense the ledger counts.
	CapitalAssistance []ProgramCapital `json:"capital_assistance"`
}

// OperatingCost is the share of donations spent on running costs,
// against the 10 % cap of public fundraising.
type OperatingCost struct {
	Category     string  `json:"category"`
	Amount       int64   `json:"amount"`
	Donations    int64   `json:"donations"`
	SharePercent float64 `json:"share_percent"`
	CapPercent   int     `json:"cap_percent"`
	WithinCap    bool    `json:"within_cap"`
}

// PublicGift is one recent gift; Donor is set only when she chose it.
type PublicGift struct {
	Amount   int64   `json:"amount"`
	Date     string  `json:"date"`
	Method   string  `json:"method"`
	Program  string  `json:"program,omitempty"`
	Donor    *string `json:"donor"`
	Interval string  `json:"interval"`
}

// PublicLedger adds up a group's ledger for the public.
func (s *Service) PublicLedger(ctx context.Context, slug string) (*PublicLedger, error) {
	t, err := s.publicTenant(ctx, slug)
	if err != nil {
		return nil, err
	}
	out := &PublicLedger{Group: t.Name, BySource: map[string]int64{}, ByCategory: map[string]int64{}, RecentGifts: []PublicGift{}}
	err = s.DB.Scope(t.ID).Read(ctx, func(tx *db.Tenant) error {
		b, err := LoadBook(tx)
		if err != nil {
			return err
		}
		names, err := s.Programs.ProgramNames(tx)
		if err != nil {
			return err
		}
		out.Totals, out.ByProgram = b.Totals(), b.ByProgram()
		for i := range out.ByProgram {
			if p := out.ByProgram[i].ProgramID; p != nil {
				out.ByProgram[i].Name = names[*p]
			}
		}
		for i := range b.Entries {
			e := &b.Entries[i]
			if !b.counted(e) {
				continue
			}
			if e.Source == SourceHostTransfer {
				continue
			}
			if e.Kind == KindIncome {
				out.BySource[e.Source] += e.Amount
				if e.DonationID != nil {
					out.OperatingCost.Donations += e.Amount
				}
			} else {
				out.ByCategory[e.Category] += e.Amount
			}
		}
		out.CapitalAssistance = []ProgramCapital{}
		if s.Capital != nil {
			links, err := s.Capital.CapitalLinks(tx)
			if err != nil {
				return fmt.Errorf("funds: capital assistance: %w", err)
			}
			out.CapitalAssistance = b.capitalByProgram(links, names)
		}
		if out.ApprovalThreshold, err = approvalThreshold(tx); err != nil {
			return err
		}
		if out.ThresholdChanges, err = appliedChanges(tx, 5); err != nil {
			return err
		}
		out.RecentGifts, err = recentGifts(tx, names)
		return err
	})
	if err != nil {
		return nil, err
	}
	oc := &out.OperatingCost
	oc.Category, oc.CapPercent, oc.Amount = OperatingCostCategory, OperatingCostCapPercent, out.ByCategory[OperatingCostCategory]
	if oc.Donations > 0 {
		oc.SharePercent = float64(oc.Amount*1000/oc.Donations) / 10
	}
	oc.WithinCap = oc.Amount*100 <= oc.Donations*int64(OperatingCostCapPercent)
	return out, nil
}

// recentGifts lists the last succeeded gifts, naming only donors who chose it.
func recentGifts(tx *db.Tenant, names map[string]string) ([]PublicGift, error) {
	var ds []Donation
	err := tx.DB().Where("tenant_id = ? AND status = ?", tx.ID, StatusSucceeded).
		Order("succeeded_at DESC, id DESC").Limit(10).Find(&ds).Error
	out := make([]PublicGift, 0, len(ds))
	for i := range ds {
		d := &ds[i]
		g := PublicGift{Amount: d.Amount, Method: d.Channel, Interval: d.Frequency}
		if d.SucceededAt != nil {
			g.Date = d.SucceededAt.In(clock.Zone).Format(dateLayout)
		}
		if d.ReceivedOn != nil {
			g.Date = day(*d.ReceivedOn)
		}
		if d.ProgramID != nil {
			g.Program = names[*d.ProgramID]
		}
		if d.ShowName && !d.Anonymous && d.DonorName != "" {
			name := d.DonorName
			g.Donor = &name
		}
		out = append(out, g)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date > out[j].Date })
	return out, err
}
