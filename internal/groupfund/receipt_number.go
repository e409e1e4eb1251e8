package groupfund

import (
	"fmt"

	"github.com/peduli/peduli/internal/platform/db"
)

// receiptNumber is one row of fund_receipt_numbers: the last number a
// series handed out in a year.
type receiptNumber struct {
	TenantID string `gorm:"primaryKey"`
	Series   string `gorm:"primaryKey"`
	Year     int    `gorm:"primaryKey"`
	Last     int
}

func (receiptNumber) TableName() string { return "fund_receipt_numbers" }

// Receipt series and their prefixes on paper.
var seriesPrefix = map[string]string{"savings": "SP", "loans": "PJ", "arisan": "AR", "iks": "IKS"}

// nextReceipt hands out the series' next number for year, e.g.
// SP-2026-00042, inside the caller's transaction (which holds the journal
// lock, so two writers never draw the same number).
func nextReceipt(t *db.Tenant, series string, year int) (string, error) {
	var row receiptNumber
	err := t.DB().Where("tenant_id = ? AND series = ? AND year = ?", t.ID, series, year).Take(&row).Error
	switch {
	case db.IsNotFound(err):
		row = receiptNumber{TenantID: t.ID, Series: series, Year: year, Last: 1}
		err = t.DB().Create(&row).Error
	case err == nil:
		row.Last++
		err = t.DB().Model(&receiptNumber{}).Where("tenant_id = ? AND series = ? AND year = ?", t.ID, series, year).
			Update("last", row.Last).Error
	}
	if err != nil {
		return "", fmt.Errorf("groupfund: receipt number: %w", err)
	}
	return fmt.Sprintf("%s-%d-%05d", seriesPrefix[series], year, row.Last), nil
}
