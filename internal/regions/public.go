package regions

import (
	"context"
	"math"
)

// PublicFigures are a group's figures as anyone may see them on its public
// page: the same rollup and the same small-cell rules as its coordinators
// see, counting only people who consented to reporting.
type PublicFigures struct {
	PeopleServed   Count
	ActivePrograms int
	Activities90d  int
	Attendance90d  Measure
	// Known is false until the rollup has counted the group once.
	Known bool
}

// PublicFigures returns the published figures of the group tenantID from
// the rollup.
func (s *Service) PublicFigures(ctx context.Context, tenantID string) (*PublicFigures, error) {
	var rows []Figures
	if err := s.DB.Global(ctx).Where("tenant_id = ?", tenantID).Limit(1).Find(&rows).Error; err != nil {
		return nil, err
	}
	out := &PublicFigures{}
	if len(rows) == 0 {
		return out, nil
	}
	f := rows[0]
	out.Known = true
	out.PeopleServed, out.ActivePrograms, out.Activities90d = Publish(f.PeopleServed), f.ActivePrograms, f.Activities90d
	if f.AttendanceRate90d != nil {
		out.Attendance90d = MeasureOver(math.Round(*f.AttendanceRate90d*100)/100, true, f.AttendancePeople90d)
	}
	return out, nil
}
