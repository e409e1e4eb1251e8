// Package enterprises holds members' productive enterprises (usaha ekonomi
// produktif) and their monthly books: sales, costs and the profit they
// give. A member's monthly income follows from her books; the programs
// feature asks for it through MonthlyIncome, so this package knows nothing
// of programs.
package enterprises

import (
	"time"

	"github.com/peduli/peduli/internal/platform/db"
)

// Kind is one row of enterprise_kinds, provisioned from the tenants directory.
type Kind struct {
	Key    string `gorm:"primaryKey" json:"key"`
	NameID string `gorm:"column:name_id" json:"-"`
	NameEN string `gorm:"column:name_en" json:"-"`
}

// TableName is enterprise_kinds.
func (Kind) TableName() string { return "enterprise_kinds" }

// KindView is a kind as the API shows it.
type KindView struct {
	Key  string `json:"key"`
	Name Text   `json:"name"`
}

// Text is a phrase in both languages.
type Text struct {
	ID string `json:"id"`
	EN string `json:"en"`
}

// Enterprise is one row of enterprises.
type Enterprise struct {
	TenantID      string `gorm:"primaryKey"`
	ID            string `gorm:"primaryKey"`
	BeneficiaryID string
	Kind          string
	Name          string
	StartedOn     db.Date
	Location      string
	Workers       string // who in the household works in it
	CreatedBy     *string
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// TableName is enterprises.
func (Enterprise) TableName() string { return "enterprises" }

// View is an enterprise as the API shows it.
type View struct {
	ID            string    `json:"id"`
	BeneficiaryID string    `json:"beneficiary_id"`
	Kind          string    `json:"kind"`
	KindName      Text      `json:"kind_name"`
	Name          string    `json:"name"`
	StartedOn     db.Date   `json:"started_on"`
	Location      string    `json:"location"`
	Workers       string    `json:"workers"`
	CreatedAt     time.Time `json:"created_at"`
}

// Book is one row of enterprise_books; the figures are sealed in
// FiguresSealed and clear only in memory.
type Book struct {
	TenantID      string `gorm:"primaryKey"`
	EnterpriseID  string `gorm:"primaryKey"`
	Period        string `gorm:"primaryKey"`
	FiguresSealed string
	KeyVersion    int
	RecordedBy    *string
	CreatedAt     time.Time
	UpdatedAt     time.Time
	Figures       Figures `gorm:"-"`
}

// TableName is enterprise_books.
func (Book) TableName() string { return "enterprise_books" }

// Figures are one month of an enterprise, in IDR minor units.
type Figures struct {
	Sales       int64 `json:"sales"`
	Materials   int64 `json:"materials"`
	Other       int64 `json:"other"`
	StockBought int64 `json:"stock_bought"`
	DaysWorked  int   `json:"days_worked"`
}

// Profit is sales less costs; stock and assets bought are not a cost of
// the month (they are kept), so they do not lower it.
func (f Figures) Profit() int64 { return f.Sales - f.Materials - f.Other }

// Costs are a month's costs by category.
type Costs struct {
	Materials int64 `json:"materials"`
	Other     int64 `json:"other"`
}

// BookView is a month's book as the API shows it.
type BookView struct {
	EnterpriseID string `json:"enterprise_id"`
	Period       string `json:"period"`
	Sales        int64  `json:"sales"`
	Costs        Costs  `json:"costs"`
	StockBought  int64  `json:"stock_bought"`
	DaysWorked   int    `json:"days_worked"`
	Profit       int64  `json:"profit"`
}

func (b *Book) view() BookView {
	f := b.Figures
	return BookView{EnterpriseID: b.EnterpriseID, Period: b.Period, Sales: f.Sales,
		Costs: Costs{Materials: f.Materials, Other: f.Other}, StockBought: f.StockBought,
		DaysWorked: f.DaysWorked, Profit: f.Profit()}
}
