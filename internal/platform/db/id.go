package db

import "github.com/google/uuid"

// NewID returns a new UUIDv7: unique, and ordered by creation time so that
// (tenant_id, id) indexes stay append-mostly and cursors sort by age.
func NewID() string { return uuid.Must(uuid.NewV7()).String() }

// ValidID reports whether s is a well-formed UUID, so a bad path parameter
// answers 404 instead of reaching the database.
func ValidID(s string) bool {
	if len(s) != 36 {
		return false
	}
	_, err := uuid.Parse(s)
	return err == nil
}
