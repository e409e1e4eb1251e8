#!/bin/sh
# Creates (or re-creates with --fresh) a PostgreSQL database for load runs
# with the two roles docs/SECURITY.md describes: an owner that runs the
# migrations and a serving role that cannot bypass row-level security.
# Needs a superuser connection (PGHOST/PGUSER, default 127.0.0.1/postgres).
# Usage: scripts/load/db-create.sh [--fresh] [DBNAME]
set -eu
fresh=no
if [ "${1:-}" = "--fresh" ]; then fresh=yes; shift; fi
DB=${1:-peduli_load}
OWNER=${DB}_owner
APP=${DB}_app
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
psql() { command psql -v ON_ERROR_STOP=1 -qAt "$@"; }
if [ "$fresh" = yes ]; then
	psql -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
fi
exists=$(psql -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")
[ -n "$(psql -d postgres -c "SELECT 1 FROM pg_roles WHERE rolname = '$OWNER'")" ] ||
	psql -d postgres -c "CREATE ROLE $OWNER LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE"
[ -n "$(psql -d postgres -c "SELECT 1 FROM pg_roles WHERE rolname = '$APP'")" ] ||
	psql -d postgres -c "CREATE ROLE $APP LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT"
if [ -z "$exists" ]; then
	psql -d postgres -c "CREATE DATABASE $DB OWNER $OWNER"
	psql -d "$DB" -c "ALTER SCHEMA public OWNER TO $OWNER" \
		-c "REVOKE CREATE ON SCHEMA public FROM PUBLIC" \
		-c "REVOKE ALL ON DATABASE $DB FROM PUBLIC" \
		-c "GRANT CONNECT ON DATABASE $DB TO $OWNER, $APP"
fi
echo "PEDULI_MIGRATE_DATABASE_URL=postgres://$OWNER@$PGHOST:5432/$DB?sslmode=disable"
echo "PEDULI_DATABASE_URL=postgres://$APP@$PGHOST:5432/$DB?sslmode=disable"
