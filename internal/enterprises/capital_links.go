package enterprises

import (
	"github.com/peduli/peduli/internal/platform/db"
)

// CapitalLink is one assistance as the group's public account of its
// spending sees it: which ledger expense paid how much to which
// enterprise, by id only.
type CapitalLink struct {
	LedgerEntryID string
	EnterpriseID  string
	Amount        int64
}

// CapitalLinks lists the group's assistance inside the caller's
// transaction, so the funds feature can follow a donor's earmark to
// enterprises in totals that name nobody. An erased member's assistance
// keeps its link and reads 0. Whether the paying expense still counts is
// the ledger's to say at use: the links are returned whatever it says.
func (s *Service) CapitalLinks(t *db.Tenant) ([]CapitalLink, error) {
	var rows []Capital
	if err := t.DB().Where("tenant_id = ?", t.ID).Order("given_on, id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]CapitalLink, len(rows))
	for i := range rows {
		v, err := s.openCapital(t, &rows[i])
		if err != nil {
			return nil, err
		}
		out[i] = CapitalLink{LedgerEntryID: rows[i].LedgerEntryID, EnterpriseID: rows[i].EnterpriseID, Amount: v}
	}
	return out, nil
}
