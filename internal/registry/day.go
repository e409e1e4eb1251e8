package registry

import "github.com/peduli/peduli/internal/platform/db"

// Day is a calendar day (YYYY-MM-DD); see db.Date.
type Day = db.Date
