package programs

import (
	"time"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/registry"
)

// Builders for bulk loaders (the development data generator): they make
// rows exactly as the services make them, and the caller inserts many in
// one statement inside the tenant's transaction.

// ProgramFromTemplate returns a new active program that is a snapshot of
// the template version, as CreateProgram makes one from template_key.
func ProgramFromTemplate(tenantID, id string, tpl *Template, startsOn db.Date, createdBy *string, now time.Time) Program {
	p := Program{TenantID: tenantID, ID: id, Status: StatusActive, StartsOn: startsOn, CreatedBy: createdBy,
		CreatedAt: now, UpdatedAt: now}
	copyTemplate(&p, tpl, "", "")
	return p
}

// SealIncome seals an income outcome's value under the tenant key as the
// outcome sheet does; the caller holds the key version
// (Keyring.Hold) in the transaction that writes it.
func SealIncome(key registry.Key, o *Outcome) { outcomeKey{key: key}.seal(o) }

// HasActivityKind reports whether the program records activities of kind.
func (p *Program) HasActivityKind(kind string) bool { return p.hasKind(kind) }
