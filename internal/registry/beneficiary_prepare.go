package registry

import (
	"time"

	"github.com/peduli/peduli/internal/audit"
)

// Prepared is a new beneficiary checked, built and sealed exactly as Create
// builds her, but not written: bulk loaders (the development data
// generator) insert many in one statement. Audit is the event Create would
// record for her.
type Prepared struct {
	Record  Beneficiary
	Consent *ConsentRecord
	Audit   audit.Event
}

// Prepare validates in as Create does and returns the sealed row under
// key, with the given ids and time. The caller writes Record, Consent and
// Audit inside the tenant's transaction after Keyring.Hold(key.Version);
// the NIK's uniqueness is then left to the database's unique index.
func (s *Service) Prepare(tenantID, id, consentID, auditID string, key Key, actor audit.Actor, in Input, now time.Time) (Prepared, error) {
	c, err := check(in, true, s.today())
	if err != nil {
		return Prepared{}, err
	}
	b, p, consent := s.build(tenantID, id, consentID, actor, c, now)
	sealPersonal(b, key, p)
	ev := audit.NewEvent(tenantID, auditID, actor, audit.Create, EntityBeneficiary, b.ID, now, inputFields(in)...)
	return Prepared{Record: *b, Consent: consent, Audit: ev}, nil
}
