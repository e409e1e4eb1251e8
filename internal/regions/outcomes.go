package regions

import (
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/programs"
)

// outcomeRow is one measurement as rollups and reports read it. Income is
// sealed (value_sealed) and is opened in Go inside the group's scope; the
// medians and changes over it are computed here, never in SQL.
type outcomeRow struct {
	ID, ProgramID, BeneficiaryID, Indicator, Period string
	Value                                           int64
	ValueSealed                                     string
	KeyVersion                                      int
}

// openOutcomes replaces each sealed value with the decrypted one and leaves
// out values that can no longer be read (their key was destroyed).
func (s *Service) openOutcomes(t *db.Tenant, rows []outcomeRow) ([]outcomeRow, error) {
	out := rows[:0]
	for _, r := range rows {
		v, ok, err := programs.OpenValue(t, s.Keys, r.ID, r.Value, r.ValueSealed, r.KeyVersion)
		if err != nil {
			return nil, err
		}
		if ok {
			r.Value = v
			out = append(out, r)
		}
	}
	return out, nil
}
