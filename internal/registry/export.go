package registry

import (
	"context"
	"time"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
)

// Export is everything the group holds about one beneficiary, for her
// data-subject access request (UU PDP): her record in full, her consent
// history, her assessments with their facts, and the audit trail of who
// did what with her record (field names only).
type Export struct {
	ExportedAt  time.Time         `json:"exported_at"`
	Beneficiary View              `json:"beneficiary"`
	Consents    []ConsentEntry    `json:"consents"`
	Assessments []AssessmentView  `json:"assessments"`
	History     []ExportAuditLine `json:"history"`
}

// ConsentEntry is one change of her consent.
type ConsentEntry struct {
	Purposes   []string  `json:"purposes"`
	RecordedAt time.Time `json:"recorded_at"`
	RecordedBy *string   `json:"recorded_by"`
}

// ExportAuditLine is one audit event about her record.
type ExportAuditLine struct {
	Action  string    `json:"action"`
	Entity  string    `json:"entity"`
	Fields  []string  `json:"fields"`
	ActorID *string   `json:"actor_id"`
	At      time.Time `json:"at"`
}

// Export gathers her data and records the export in the audit log.
func (s *Service) Export(ctx context.Context, scope db.Scope, actor audit.Actor, id string) (Export, error) {
	out := Export{ExportedAt: s.Now(), Consents: []ConsentEntry{}, Assessments: []AssessmentView{}, History: []ExportAuditLine{}}
	err := scope.Write(ctx, func(t *db.Tenant) error {
		b, err := load(t, id)
		if err != nil {
			return err
		}
		if out.Beneficiary, err = s.view(t, b, true); err != nil {
			return err
		}
		var consents []ConsentRecord
		if err := t.DB().Where("tenant_id = ? AND beneficiary_id = ?", t.ID, b.ID).
			Order("recorded_at, id").Find(&consents).Error; err != nil {
			return err
		}
		for _, c := range consents {
			out.Consents = append(out.Consents, ConsentEntry{Purposes: splitList(c.Purposes), RecordedAt: c.RecordedAt, RecordedBy: c.RecordedBy})
		}
		rows, err := assessmentsOf(t, b.ID)
		if err != nil {
			return err
		}
		ids := []string{b.ID}
		for i := range rows {
			out.Assessments = append(out.Assessments, assessmentView(&rows[i], s.openFacts(t, &rows[i])))
			ids = append(ids, rows[i].ID)
		}
		events, err := audit.EventsAbout(t, ids)
		if err != nil {
			return err
		}
		for _, e := range events {
			out.History = append(out.History, ExportAuditLine{Action: e.Action, Entity: e.Entity, Fields: e.FieldList(), ActorID: e.ActorID, At: e.CreatedAt})
		}
		return audit.Record(t, actor, ActionExport, EntityBeneficiary, b.ID)
	})
	return out, err
}

func splitList(s string) []string {
	out := []string{}
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ',' {
			if i > start {
				out = append(out, s[start:i])
			}
			start = i + 1
		}
	}
	return out
}
