#!/usr/bin/env bash
# Runs the ledger on its defaults against the local PostgreSQL: starts PostgreSQL if it is down,
# creates the database "ledger" if it is missing, builds the service and runs it on port 8080.
# Any LEDGER_* variable of the README's configuration table is passed through.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/ensure-postgres.sh
if [ -z "${LEDGER_DB_URL:-}" ]; then
  if ! psql -h localhost -U postgres -d postgres -tAc "select 1 from pg_database where datname = 'ledger'" | grep -q 1; then
    psql -h localhost -U postgres -d postgres -qc "create database ledger"
  fi
fi
mvn -B -q install -DskipTests
exec java -jar ledger-service/target/ledger-service.jar "$@"
