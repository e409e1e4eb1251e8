package groupfund

import (
	"context"
	"crypto/rand"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/journal"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
	"github.com/peduli/peduli/internal/registry"
)

// ArisanRound is one row of arisan_rounds.
type ArisanRound struct {
	TenantID     string `gorm:"primaryKey"`
	ID           string `gorm:"primaryKey"`
	Name         string
	Contribution int64
	StartsOn     db.Date
	Draw         string
	CompletedOn  *db.Date
	CreatedBy    *string
	CreatedAt    time.Time
}

// TableName is arisan_rounds.
func (ArisanRound) TableName() string { return "arisan_rounds" }

// ArisanMember is one row of arisan_members: her place in the draw and
// when she received the pot.
type ArisanMember struct {
	TenantID      string   `gorm:"primaryKey" json:"-"`
	RoundID       string   `gorm:"primaryKey" json:"-"`
	BeneficiaryID string   `gorm:"primaryKey" json:"beneficiary_id"`
	DrawNo        int      `json:"draw_no"`
	ReceivedOn    *db.Date `json:"received_on"`
	EntryID       *string  `json:"-"`
	// PaidTurns is how many of the round's contributions she has paid.
	PaidTurns int `gorm:"-" json:"paid_turns"`
}

// TableName is arisan_members.
func (ArisanMember) TableName() string { return "arisan_members" }

// ArisanRoundInput is the body of POST …/arisan-rounds. With draw
// "agreement" members are in the agreed order; with "lot" the order is
// drawn at random.
type ArisanRoundInput struct {
	Name         string   `json:"name" validate:"required,max=200"`
	Contribution int64    `json:"contribution" validate:"required,gt=0,lte=1000000000000000"`
	StartsOn     string   `json:"starts_on" validate:"required,max=10"`
	Draw         string   `json:"draw" validate:"required,oneof=lot agreement"`
	Members      []string `json:"members" validate:"required,min=2,max=100"`
}

// ArisanRoundView is a round with its draw order and who has received.
type ArisanRoundView struct {
	ID           string         `json:"id"`
	Name         string         `json:"name"`
	Contribution int64          `json:"contribution"`
	Pot          int64          `json:"pot"`
	StartsOn     db.Date        `json:"starts_on"`
	Draw         string         `json:"draw"`
	Members      []ArisanMember `json:"members"`
	Received     int            `json:"received"`
	Complete     bool           `json:"complete"`
	CompletedOn  *db.Date       `json:"completed_on"`
}

func roundView(r *ArisanRound, ms []ArisanMember) *ArisanRoundView {
	v := &ArisanRoundView{ID: r.ID, Name: r.Name, Contribution: r.Contribution, Pot: r.Contribution * int64(len(ms)),
		StartsOn: r.StartsOn, Draw: r.Draw, Members: ms, CompletedOn: r.CompletedOn}
	for _, m := range ms {
		if m.ReceivedOn != nil {
			v.Received++
		}
	}
	v.Complete = len(ms) > 0 && v.Received == len(ms)
	return v
}

// CreateArisanRound starts a round and fixes its draw order.
func (s *Service) CreateArisanRound(ctx context.Context, scope db.Scope, actor audit.Actor, in ArisanRoundInput) (*ArisanRoundView, error) {
	if err := httpx.Validate(in); err != nil {
		return nil, err
	}
	starts, ok := db.ParseDate(in.StartsOn)
	if !ok {
		return nil, errs.Invalid("starts_on", "date", "must be a date in the form YYYY-MM-DD")
	}
	order := append([]string(nil), in.Members...)
	if in.Draw == "lot" {
		if err := shuffle(order); err != nil {
			return nil, err
		}
	}
	r := &ArisanRound{ID: db.NewID(), Name: strings.TrimSpace(in.Name), Contribution: in.Contribution, StartsOn: starts,
		Draw: in.Draw, CreatedAt: s.Now()}
	if actor.UserID != "" {
		r.CreatedBy = &actor.UserID
	}
	var out *ArisanRoundView
	err := scope.Write(ctx, func(t *db.Tenant) error {
		r.TenantID = t.ID
		v := &errs.ValidationError{}
		seen := map[string]bool{}
		for i, id := range in.Members {
			switch {
			case seen[id]:
				v.Add(fmt.Sprintf("members[%d]", i), "unique", "the member is listed twice")
			case registry.Active(t, id) != nil:
				v.Add(fmt.Sprintf("members[%d]", i), "exists", "must be a member of this group")
			}
			seen[id] = true
		}
		if err := v.Err(); err != nil {
			return err
		}
		if err := t.DB().Create(r).Error; err != nil {
			return err
		}
		ms := make([]ArisanMember, len(order))
		for i, id := range order {
			ms[i] = ArisanMember{TenantID: t.ID, RoundID: r.ID, BeneficiaryID: id, DrawNo: i + 1}
		}
		if err := t.DB().Create(&ms).Error; err != nil {
			return err
		}
		out = roundView(r, ms)
		return audit.Record(t, actor, audit.Create, "arisan_round", r.ID, "name", "contribution", "starts_on", "draw", "members")
	})
	return out, err
}

// shuffle puts ids in a random order (Fisher–Yates with crypto/rand: a
// draw by lot that nobody can predict).
func shuffle(ids []string) error {
	for i := len(ids) - 1; i > 0; i-- {
		j, err := rand.Int(rand.Reader, big.NewInt(int64(i+1)))
		if err != nil {
			return err
		}
		ids[i], ids[j.Int64()] = ids[j.Int64()], ids[i]
	}
	return nil
}

// ArisanRound shows a round.
func (s *Service) ArisanRound(ctx context.Context, scope db.Scope, id string) (*ArisanRoundView, error) {
	var out *ArisanRoundView
	err := scope.Read(ctx, func(t *db.Tenant) error {
		r, ms, err := loadRound(t, id)
		if err == nil {
			out = roundView(r, ms)
		}
		return err
	})
	return out, err
}

func loadRound(t *db.Tenant, id string) (*ArisanRound, []ArisanMember, error) {
	if !db.ValidID(id) {
		return nil, nil, errs.ErrNotFound
	}
	var r ArisanRound
	if err := t.DB().Where("tenant_id = ? AND id = ?", t.ID, id).Take(&r).Error; db.IsNotFound(err) {
		return nil, nil, errs.ErrNotFound
	} else if err != nil {
		return nil, nil, err
	}
	var ms []ArisanMember
	if err := t.DB().Where("tenant_id = ? AND round_id = ?", t.ID, id).Order("draw_no").Find(&ms).Error; err != nil {
		return nil, nil, err
	}
	paid, err := paidTurns(t, id)
	for i := range ms {
		ms[i].PaidTurns = paid[ms[i].BeneficiaryID]
	}
	return &r, ms, err
}

// PayoutInput is the body of POST …/arisan-rounds/{id}/payouts.
type PayoutInput struct {
	PaidOn string `json:"paid_on" validate:"required,max=10"`
}

// Payout pays the pot to the next member in the draw order, once every
// member has paid her contribution for this turn into the round, and
// never more than the group holds. The round completes when everyone has
// received once.
func (s *Service) Payout(ctx context.Context, scope db.Scope, actor audit.Actor, id string, in PayoutInput) (*ArisanRoundView, error) {
	if err := httpx.Validate(in); err != nil {
		return nil, err
	}
	on, err := s.payDay("paid_on", in.PaidOn)
	if err != nil {
		return nil, err
	}
	var out *ArisanRoundView
	err = scope.Write(ctx, func(t *db.Tenant) error {
		if err := journal.Lock(t); err != nil {
			return err
		}
		r, ms, err := loadRound(t, id)
		if err != nil {
			return err
		}
		next := -1
		for i := range ms {
			if ms[i].ReceivedOn == nil {
				next = i
				break
			}
		}
		if next < 0 {
			return errs.Conflict("round_complete", "everyone in this round has received the pot")
		}
		if on < r.StartsOn {
			return errs.Invalid("paid_on", "after", "must not be before the round starts")
		}
		// The round is checked by its own contributions: before the pot of
		// turn k is paid, every member has paid k contributions to it.
		for i := range ms {
			if ms[i].PaidTurns < next+1 {
				return errs.Conflict("arisan_short", "not every member of the round has paid this turn's contribution")
			}
		}
		pot := r.Contribution * int64(len(ms))
		held, err := journal.Balance(t, journal.ArisanHeld)
		if err != nil {
			return err
		}
		if held < pot {
			return errs.Conflict("arisan_short", "the arisan contributions held are less than the pot")
		}
		entry, err := journal.Post(t, actor, journal.Posting{OccurredOn: on, Source: "arisan_payout", SourceID: r.ID,
			Memo: fmt.Sprintf("%s #%d", r.Name, ms[next].DrawNo), Lines: []journal.Line{journal.Debit(journal.ArisanHeld, pot),
				journal.Credit(journal.Cash, pot)}}, s.Now())
		if err != nil {
			return err
		}
		ms[next].ReceivedOn, ms[next].EntryID = &on, &entry.ID
		if err := t.DB().Model(&ArisanMember{}).Where("tenant_id = ? AND round_id = ? AND beneficiary_id = ?", t.ID, r.ID, ms[next].BeneficiaryID).
			Updates(map[string]any{"received_on": on, "entry_id": entry.ID}).Error; err != nil {
			return err
		}
		if next == len(ms)-1 {
			r.CompletedOn = &on
			if err := t.DB().Model(&ArisanRound{}).Where("tenant_id = ? AND id = ?", t.ID, r.ID).Update("completed_on", on).Error; err != nil {
				return err
			}
		}
		out = roundView(r, ms)
		return audit.Record(t, actor, "arisan_payout", "arisan_round", r.ID, "received_on")
	})
	return out, err
}
