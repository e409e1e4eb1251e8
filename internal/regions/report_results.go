package regions

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/peduli/peduli/internal/platform/db"
)

// A report of a period the rollup does not keep, in a region of more groups
// than a request computes (see LiveGroups), is computed by a background job
// (ReportJob) and stored in region_report_results: one row per region and
// period, whoever asks and in whichever format, so repeated asks share one
// computation. The row holds the published report as JSON — what the
// coordinator would have been shown, not the exact figures, and not who
// asked — and is deleted ResultTTL after it was asked for.

// ResultTTL is how long a computed report is kept and served.
const ResultTTL = 7 * 24 * time.Hour

// RetryAfter is how long a client is told to wait before asking again for
// a result still being computed.
const RetryAfter = 5 * time.Second

// ReportJobTimeout bounds one attempt of a ReportJob: a province of 10,000
// groups at ~80 ms of facts per group, four at a time, takes about 3
// minutes on a quiet server; this leaves room for a busy one.
const ReportJobTimeout = 30 * time.Minute

// ReportJob computes the stored report ID. It is idempotent: a result that
// is done (or gone) is left alone, and a retry recomputes from the facts.
type ReportJob struct {
	ID string `json:"id"`
}

// Kind names the job.
func (ReportJob) Kind() string { return "region_report" }

// ReportResult is a stored report's state.
type ReportResult struct {
	ID      string
	Status  string // queued, running or done
	Report  *Report
	Expires time.Time
}

// errBackground says the report must be computed by a job.
var errBackground = errors.New("regions: report computed in the background")

// liveLimit is how many groups without a stored row a request computes.
func (s *Service) liveLimit() int {
	if s.LiveLimit > 0 {
		return s.LiveLimit
	}
	return LiveGroups
}

// QueueReport records that region's report for from–to is wanted and makes
// sure a job computes it, unless it is already done: every ask for the
// same region and period gets the same result (and one job, River's
// uniqueness keyed by the result's id; asking again after a job gave up
// queues a new one). An expired result is replaced.
func (s *Service) QueueReport(ctx context.Context, code string, from, to db.Date) (*ReportResult, error) {
	now := s.Now().UTC()
	g := s.DB.Global(ctx)
	if err := g.Exec(`DELETE FROM region_report_results WHERE region_code = ? AND period_from = ? AND period_to = ? AND expires_at <= ?`,
		code, from, to, now).Error; err != nil {
		return nil, fmt.Errorf("regions: expired report result: %w", err)
	}
	if err := g.Exec(`INSERT INTO region_report_results (id, region_code, period_from, period_to, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (region_code, period_from, period_to) DO NOTHING`,
		db.NewID(), code, from, to, now, now.Add(ResultTTL)).Error; err != nil {
		return nil, fmt.Errorf("regions: queue report: %w", err)
	}
	var row resultRow
	if err := g.Raw(`SELECT id, started_at, done_at, expires_at, report FROM region_report_results
		WHERE region_code = ? AND period_from = ? AND period_to = ?`, code, from, to).Scan(&row).Error; err != nil {
		return nil, fmt.Errorf("regions: queue report: %w", err)
	}
	if row.ID == "" {
		return nil, fmt.Errorf("regions: queue report: the result row vanished")
	}
	res, err := row.result()
	if err != nil {
		return nil, err
	}
	if res.Status != "done" {
		if s.Queue == nil {
			return nil, fmt.Errorf("regions: no job queue to compute the report")
		}
		if err := s.Queue(ctx, ReportJob{ID: res.ID}); err != nil {
			return nil, fmt.Errorf("regions: queue report: %w", err)
		}
	}
	return res, nil
}

// resultRow is a region_report_results row as read.
type resultRow struct {
	ID        string
	StartedAt *time.Time
	DoneAt    *time.Time
	ExpiresAt time.Time
	Report    *string
}

func (r resultRow) result() (*ReportResult, error) {
	res := &ReportResult{ID: r.ID, Status: "queued", Expires: r.ExpiresAt}
	switch {
	case r.DoneAt != nil && r.Report != nil:
		res.Status = "done"
		res.Report = &Report{}
		if err := json.Unmarshal([]byte(*r.Report), res.Report); err != nil {
			return nil, fmt.Errorf("regions: stored report %s: %w", r.ID, err)
		}
	case r.StartedAt != nil:
		res.Status = "running"
	}
	return res, nil
}

// ReportResult returns stored report id of region code, or nil when there
// is none (never asked, of another region, or expired).
func (s *Service) ReportResult(ctx context.Context, code, id string) (*ReportResult, error) {
	if !db.ValidID(id) {
		return nil, nil
	}
	var row resultRow
	if err := s.DB.Global(ctx).Raw(`SELECT id, started_at, done_at, expires_at, report FROM region_report_results
		WHERE id = ? AND region_code = ? AND expires_at > ?`, id, code, s.Now().UTC()).Scan(&row).Error; err != nil {
		return nil, fmt.Errorf("regions: report result: %w", err)
	}
	if row.ID == "" {
		return nil, nil
	}
	return row.result()
}

// WorkReport is ReportJob's body: it computes every group's row of the
// stored report's period from the group's facts, each in the group's own
// scope (as a small region's report does during the request), publishes
// them and the totals, and stores the report.
func (s *Service) WorkReport(ctx context.Context, id string) error {
	var job struct {
		RegionCode string
		PeriodFrom db.Date
		PeriodTo   db.Date
		DoneAt     *time.Time
	}
	g := s.DB.Global(ctx)
	if err := g.Raw(`SELECT region_code, period_from, period_to, done_at FROM region_report_results WHERE id = ?`, id).
		Scan(&job).Error; err != nil {
		return fmt.Errorf("regions: report job: %w", err)
	}
	if job.RegionCode == "" || job.DoneAt != nil {
		return nil // pruned, or done by an earlier attempt
	}
	if err := g.Exec(`UPDATE region_report_results SET started_at = ? WHERE id = ?`, s.Now().UTC(), id).Error; err != nil {
		return fmt.Errorf("regions: report job: %w", err)
	}
	region, err := s.Tenancy.Region(ctx, job.RegionCode)
	if err != nil {
		return err
	}
	rep, err := s.report(ctx, region, job.PeriodFrom, job.PeriodTo, "", -1)
	if err != nil {
		return err
	}
	body, err := json.Marshal(rep)
	if err != nil {
		return fmt.Errorf("regions: report job: %w", err)
	}
	if err := g.Exec(`UPDATE region_report_results SET report = ?, done_at = ? WHERE id = ?`, string(body), s.Now().UTC(), id).Error; err != nil {
		return fmt.Errorf("regions: report job: %w", err)
	}
	return nil
}

// PruneReports deletes the stored reports that expired by now.
func (s *Service) PruneReports(ctx context.Context, now time.Time) (int64, error) {
	res := s.DB.Global(ctx).Exec(`DELETE FROM region_report_results WHERE expires_at <= ?`, now.UTC())
	if res.Error != nil {
		return 0, fmt.Errorf("regions: prune report results: %w", res.Error)
	}
	return res.RowsAffected, nil
}

// UnmarshalJSON reads a published count back: a number or "<5".
func (c *Count) UnmarshalJSON(b []byte) error {
	if string(b) == string(suppressedJSON) {
		*c = Count{Suppressed: true}
		return nil
	}
	n, err := strconv.Atoi(string(b))
	if err != nil {
		return fmt.Errorf("regions: count %s: %w", b, err)
	}
	*c = Count{Value: n}
	return nil
}

// UnmarshalJSON reads a published measure back: a number, "<5" or null.
func (m *Measure) UnmarshalJSON(b []byte) error {
	switch string(b) {
	case string(suppressedJSON):
		*m = Measure{Suppressed: true}
		return nil
	case "null":
		*m = Measure{}
		return nil
	}
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return fmt.Errorf("regions: measure %s: %w", b, err)
	}
	*m = Measure{Value: v, Known: true}
	return nil
}
