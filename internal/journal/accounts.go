// Package journal is a group's double-entry book: every movement of the
// group's own money (savings, loans, arisan, the social fund) posts an entry
// whose debits equal its credits. Entries are never changed or removed; a
// mistake is undone by a reversing entry. Features that move money post in
// their own transaction through Post, so the book and the feature's records
// commit together or not at all.
package journal

// Account is one account of the chart every group shares.
type Account struct {
	Code string
	// Name is the Bahasa Indonesia name; NameEN the English one.
	Name, NameEN string
	// DebitNormal is true for assets and expenses, whose balance is a
	// surplus of debits; liabilities, funds and income grow by credits.
	DebitNormal bool
}

// Account codes of the chart.
const (
	Cash             = "1100"
	LoansReceivable  = "1200"
	SavingsPokok     = "2100"
	SavingsWajib     = "2110"
	SavingsSukarela  = "2120"
	ArisanHeld       = "2200"
	CapitalGrants    = "3100"
	SocialFund       = "3200"
	ServiceFeeIncome = "4100"
	LoanLosses       = "5100"
	CapitalGiven     = "5200"
)

// Chart is the accounts every group's journal uses, in code order.
var Chart = []Account{
	{Cash, "Kas", "Cash", true},
	{LoansReceivable, "Piutang pinjaman anggota", "Loans to members receivable", true},
	{SavingsPokok, "Simpanan pokok anggota", "Members' principal savings", false},
	{SavingsWajib, "Simpanan wajib anggota", "Members' compulsory savings", false},
	{SavingsSukarela, "Simpanan sukarela anggota", "Members' voluntary savings", false},
	{ArisanHeld, "Titipan arisan", "Arisan contributions held", false},
	{CapitalGrants, "Dana bantuan modal diterima", "Capital assistance received", false},
	{SocialFund, "Dana sosial (IKS)", "Social fund (IKS)", false},
	{ServiceFeeIncome, "Pendapatan jasa pinjaman", "Loan service-fee income", false},
	{LoanLosses, "Beban penghapusan pinjaman", "Loans written off", true},
	{CapitalGiven, "Bantuan modal disalurkan", "Capital assistance given", true},
}

// AccountOf returns the chart's account with code.
func AccountOf(code string) (Account, bool) {
	for _, a := range Chart {
		if a.Code == code {
			return a, true
		}
	}
	return Account{}, false
}
