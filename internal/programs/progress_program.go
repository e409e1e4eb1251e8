package programs

import (
	"context"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
)

// MemberProgress is one member's progress in a program.
type MemberProgress struct {
	BeneficiaryID string              `json:"beneficiary_id"`
	Name          string              `json:"name"`
	Indicators    []IndicatorProgress `json:"indicators"`
	Graduation    *Graduation         `json:"graduation"`
}

// ProgramProgressView is every current member's progress in one program:
// who is ready to graduate this season.
type ProgramProgressView struct {
	ProgramID  string           `json:"program_id"`
	ReadyCount int              `json:"ready_count"`
	Items      []MemberProgress `json:"items"`
}

// ProgramProgress reports each current member's first and latest values
// and graduation readiness. It shows income by name, so it is an audited
// read of personal data.
func (s *Service) ProgramProgress(ctx context.Context, scope db.Scope, actor audit.Actor, programID string) (*ProgramProgressView, error) {
	if !db.ValidID(programID) {
		return nil, errs.ErrNotFound
	}
	region, err := s.regionOf(ctx, scope.TenantID())
	if err != nil {
		return nil, err
	}
	var p *Program
	var members []Member
	var outcomes []Outcome
	books := map[string]map[string]int64{}
	err = scope.Write(ctx, func(t *db.Tenant) error {
		if p, err = s.Store.Program(t, programID); err != nil {
			return err
		}
		if members, err = s.Store.Members(t, programID); err != nil {
			return err
		}
		for _, m := range members {
			if books[m.BeneficiaryID], err = s.booksIncome(t, m.BeneficiaryID); err != nil {
				return err
			}
		}
		if err = t.DB().Where("tenant_id = ? AND program_id = ?", t.ID, programID).Order("beneficiary_id, indicator, period").
			Find(&outcomes).Error; err != nil {
			return err
		}
		if outcomes, err = s.openOutcomes(t, outcomes); err != nil {
			return err
		}
		return audit.Record(t, actor, audit.ReadPersonal, "program", programID, "outcomes")
	})
	if err != nil {
		return nil, err
	}
	byMember := map[string][]Outcome{}
	for _, o := range outcomes {
		byMember[o.BeneficiaryID] = append(byMember[o.BeneficiaryID], o)
	}
	out := &ProgramProgressView{ProgramID: programID, Items: make([]MemberProgress, 0, len(members))}
	for _, m := range members {
		pp, err := s.programProgress(ctx, region, p, byMember[m.BeneficiaryID], books[m.BeneficiaryID])
		if err != nil {
			return nil, err
		}
		if pp.Graduation != nil && pp.Graduation.Ready {
			out.ReadyCount++
		}
		out.Items = append(out.Items, MemberProgress{BeneficiaryID: m.BeneficiaryID, Name: m.Name,
			Indicators: pp.Indicators, Graduation: pp.Graduation})
	}
	return out, nil
}
