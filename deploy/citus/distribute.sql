-- Distributing Peduli's schema with Citus, by tenant. Run once on the
-- coordinator as the owner role, after "peduli migrate up" and before the
-- app serves; docs/OPERATIONS.md says what else Citus needs (the tenant
-- setting, row-level security) and what was not tested.
--
-- Every table of the schema is named below exactly once, as one of:
--   reference   small or global tables that tenant tables refer to, copied
--               to every node (foreign keys from distributed tables to them
--               are allowed);
--   distributed tenant tables, hash-distributed by tenant_id and co-located,
--               so a tenant's rows, joins and foreign keys stay on one node;
--   local       global tables looked up without a tenant (routing, sessions,
--               throttles), kept on the coordinator and added to Citus's
--               metadata so they may refer to reference tables.
-- The schema test (internal/app/citus_test.go) checks that this file names
-- every table and that every distributed table's keys and indexes lead with
-- tenant_id.

BEGIN;

-- reference: catalogues and the global identities tenant rows point at
SELECT create_reference_table('regions');
SELECT create_reference_table('region_wages');
SELECT create_reference_table('users');
SELECT create_reference_table('tenants');
SELECT create_reference_table('hosts');
SELECT create_reference_table('program_templates');
SELECT create_reference_table('enterprise_kinds');

-- local: looked up by a key that is not a tenant (a session token, a
-- Stripe reference, a client address) before any tenant is known
SELECT citus_add_local_table_to_metadata('sessions');
SELECT citus_add_local_table_to_metadata('password_resets');
SELECT citus_add_local_table_to_metadata('login_throttles');
SELECT citus_add_local_table_to_metadata('casbin_rule');
SELECT citus_add_local_table_to_metadata('receipt_counters');
SELECT citus_add_local_table_to_metadata('donation_routes');
SELECT citus_add_local_table_to_metadata('stripe_events');
SELECT citus_add_local_table_to_metadata('email_verifications');
SELECT citus_add_local_table_to_metadata('rate_limits');
SELECT citus_add_local_table_to_metadata('platform_admins');
SELECT citus_add_local_table_to_metadata('region_coordinators');
-- the rollup's queue of changed groups is read across tenants, oldest first
SELECT citus_add_local_table_to_metadata('group_changes');
-- region reports computed in the background belong to a region, not a tenant
SELECT citus_add_local_table_to_metadata('region_report_results');
-- the job queue (River) is global work, not tenant data
SELECT citus_add_local_table_to_metadata('river_migration');
SELECT citus_add_local_table_to_metadata('river_job');
SELECT citus_add_local_table_to_metadata('river_leader');
SELECT citus_add_local_table_to_metadata('river_queue');
SELECT citus_add_local_table_to_metadata('river_notification');

-- distributed: every tenant table, co-located with invitations
SELECT create_distributed_table('invitations', 'tenant_id');
SELECT create_distributed_table('tenant_keys', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('audit_events', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('beneficiaries', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('beneficiary_consents', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('assessments', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('programs', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('program_activities', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('program_enrollments', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('activity_attendance', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('outcomes', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('partners', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('group_hosts', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('donations', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('ledger_entries', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('ledger_approvals', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('funds_settings', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('verification_decisions', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('group_figures', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('group_months', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('group_reports', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('memberships', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('payment_discrepancies', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('threshold_changes', 'tenant_id', colocate_with => 'invitations');
-- the group's own money
SELECT create_distributed_table('journal_entries', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('journal_lines', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('enterprises', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('enterprise_books', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('enterprise_capital', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('fund_receipt_numbers', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('savings_transactions', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('loans', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('loan_repayments', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('loan_write_offs', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('loan_reschedules', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('meetings', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('meeting_items', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('arisan_rounds', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('arisan_members', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('arisan_contributions', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('iks_rules', 'tenant_id', colocate_with => 'invitations');
SELECT create_distributed_table('iks_contributions', 'tenant_id', colocate_with => 'invitations');

COMMIT;

-- The app role must send the tenant setting to the workers (see
-- docs/OPERATIONS.md, "Citus"):
--   ALTER ROLE peduli_app SET citus.propagate_set_commands = 'local';
