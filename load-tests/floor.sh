#!/usr/bin/env bash
# The framework's floor (docs/operations.md, "Benchmark"): the service's CPU per request for calls that
# do almost nothing, measured with wrk from outside the JVM, to set beside the command path's CPU per
# request in the benchmark's report. What a command costs above these figures is the command's own work.
#
#   load-tests/floor.sh
#
# Starts the built service (ledger-service/target/ledger-service.jar; build it first, e.g. with
# load-tests/benchmark.sh or `mvn -B install -DskipTests`) on a fresh database, then for each call warms
# up for 10 s and measures 20 s with 2 wrk threads and 8 connections, reading the JVM's CPU time from
# /proc before and after:
#   - GET /v1/audit/checkpoint-key as REGULATOR: the whole HTTP, security and JSON path, no SQL;
#   - GET /v1/audit/institutions?limit=10 as REGULATOR: the same and one query;
#   - GET /actuator/health: the health check (it asks PostgreSQL).
# Settings (environment): FLOOR_PORT (18090), JAVA_HOME picks the service's Java.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${FLOOR_PORT:-18090}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
DB=ledger_floor_$(date -u +%Y%m%d%H%M%S)
WORK=load-tests/target/floor
mkdir -p "$WORK"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
[ -f ledger-service/target/ledger-service.jar ] || { echo "build the service first" >&2; exit 2; }

scripts/ensure-postgres.sh
psql() { command psql -h localhost -U postgres -v ON_ERROR_STOP=1 "$@"; }
psql -d postgres -qc "create database $DB"
LEDGER_DB_URL=jdbc:postgresql://localhost:5432/$DB PORT=$PORT \
  "$JAVA" -Xmx512m -jar ledger-service/target/ledger-service.jar > "$WORK/service.log" 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null || true; wait $SERVICE 2>/dev/null || true; psql -d postgres -qc "drop database if exists $DB"' EXIT
for _ in $(seq 1 120); do curl -fs "localhost:$PORT/actuator/health" >/dev/null && break; sleep 1; done
TOKEN=$(scripts/mint-token.sh REGULATOR)
ticks() { awk '{print $14 + $15}' "/proc/$SERVICE/stat"; }
per_second=$(getconf CLK_TCK)

measure() {
  local name=$1 url=$2
  shift 2
  wrk -t2 -c8 -d10s "$@" "$url" >/dev/null
  local before out after
  before=$(ticks)
  out=$(wrk -t2 -c8 -d20s "$@" "$url")
  after=$(ticks)
  local requests rate other
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  rate=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  other=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  printf '| %s | %s | %.3f | %s |\n' "$name" "$rate" \
    "$(echo "($after - $before) * 1000 / $per_second / $requests" | bc -l)" "${other:-0}"
}

echo "Service: $("$JAVA" -version 2>&1 | head -n 1); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| call | requests/s | ms of service CPU per request | not 2xx |"
echo "|---|---:|---:|---:|"
measure "checkpoint key (no SQL)" "http://localhost:$PORT/v1/audit/checkpoint-key" -H "Authorization: Bearer $TOKEN"
measure "institutions, 10 (one query)" "http://localhost:$PORT/v1/audit/institutions?limit=10" -H "Authorization: Bearer $TOKEN"
measure "health (asks PostgreSQL)" "http://localhost:$PORT/actuator/health"
