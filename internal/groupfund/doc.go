// Package groupfund is the money a group's members pool: savings (simpanan
// pokok, wajib, sukarela) with receipts, and the balances each member
// holds. Every movement posts to the group's journal in the same
// transaction, so the book and the members' records never drift. Amounts
// per member are personal data: sealed with the tenant's data key, read
// only in audited reads; group totals come from the journal.
package groupfund
