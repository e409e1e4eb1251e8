package programpages

import (
	"context"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/programs"
)

// periodOutcomes reads a program's measurements of one month in one
// transaction and records one audited read of personal data for the sheet
// (income is personal). Calling Service.Outcomes per member did the same in
// one transaction and audit row per person: 20 of them cost 200 ms on
// PostgreSQL. It belongs in the programs service; until it has a
// per-program, per-period read, the sheet does this one query itself.
func periodOutcomes(ctx context.Context, scope db.Scope, actor audit.Actor, programID, period string) ([]programs.Outcome, error) {
	var rows []programs.Outcome
	err := scope.Write(ctx, func(t *db.Tenant) error {
		err := t.DB().Where("tenant_id = ? AND program_id = ? AND period = ?", t.ID, programID, period).Find(&rows).Error
		if err != nil || len(rows) == 0 {
			return err
		}
		return audit.Record(t, actor, audit.ReadPersonal, "program", programID, "outcomes")
	})
	return rows, err
}
