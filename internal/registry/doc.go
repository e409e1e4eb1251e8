// Package registry is the register of the people a group serves (PRSE
// women): beneficiaries, their consent, PRSE assessments, data-subject
// export and erasure, under UU PDP 27/2022.
//
// Personal fields — NIK, KK number, birth date, phone, address, income and
// disability — are sealed with AES-GCM under a per-tenant data key (see
// Keyring), with blind indexes for NIK and KK so uniqueness and look-up work
// without clear text. Non-identifying facts (birth year, village, marital
// status, household, education, eligibility, consent) stay in clear for
// aggregates.
//
// Counting people outside their group: only beneficiaries who consented to
// "reporting" may count in anything beyond their tenant. Such features read
// the view reportable_beneficiaries (tenant_id, id and the clear facts of
// every record in use with reporting consent) or join
// beneficiaries.consent_reporting, never the bare table.
//
// Service methods take the tenant's db.Scope and the acting audit.Actor and
// return views; the HTTP handlers here and the pages are thin wrappers.
package registry
