#!/usr/bin/env bash
# The journal at a million entries (README, "Audit: the regulator's own copy"; docs/operations.md,
# "A journal of a million entries"): fills a fresh ledger's journal, exports it as NDJSON while
# sampling the service's heap and RSS, and checks the export with the offline verifier.
#
#   load-tests/journal-million.sh
#
# 1. Creates a fresh database and starts the service on it with a 512 MiB heap.
# 2. Through the API: registers an institution, places an order and reports its collection (one
#    journal entry, written by the service). Then, because the API does some 20 receipts a second on
#    this kind of machine (load-tests/results, batch collections), it copies that collection's stored
#    event straight into the event store (domainevententry), MILLION_ENTRIES - 1 times, as the service's
#    own serializer wrote it: each copy with its own event id, aggregate id and bank transaction id.
#    The journal writer journals the copies as it journals any event (hash chain, postings, balances).
#    No projection sees them (every Axon projection runs in its command's transaction), so the
#    journal is the only thing they fill; the books it implies stay balanced and covered.
# 3. Waits for the journal to reach MILLION_ENTRIES, then exports it with curl
#    (Accept: application/x-ndjson), sampling `jstat -gc` and /proc RSS every second throughout.
# 4. Publishes a checkpoint, fetches the checkpoints and the public key, runs the offline verifier.
# 5. Writes load-tests/results/journal-million-<date>-<MILLION_ENTRIES>.md.
#
# Settings (environment): MILLION_ENTRIES (1000000), MILLION_PORT (18580), MILLION_CHUNK (events copied
# per transaction, 20000), MILLION_FILL_SECONDS (7200: no copies are written after it, the journal is
# measured at the size it reached), MILLION_SKIP_BUILD=1 reuses the built jars, CODEGEN_SCHEMA (ledger_codegen),
# MILLION_KEEP_DB=1 keeps the database afterwards (dropped otherwise; it is a few GiB).
set -euo pipefail
cd "$(dirname "$0")/.."

ENTRIES=${MILLION_ENTRIES:-1000000}
PORT=${MILLION_PORT:-18580}
CHUNK=${MILLION_CHUNK:-20000}
FILL_SECONDS=${MILLION_FILL_SECONDS:-7200}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
JSTAT=${JAVA_HOME:+$JAVA_HOME/bin/}jstat
DB=ledger_million_$(date -u +%Y%m%d%H%M%S)
WORK=load-tests/target/journal-million
REPORT=load-tests/results/journal-million-$(date -u +%Y-%m-%d)-${ENTRIES}.md
URL=http://localhost:$PORT
VERIFIER=ledger-api/target/ledger-api-0.1.0-SNAPSHOT-verifier.jar
mkdir -p "$WORK" load-tests/results
rm -f "$WORK"/*

scripts/ensure-postgres.sh
psql() { command psql -h localhost -U postgres -v ON_ERROR_STOP=1 "$@"; }
now() { date +%s.%N; }

# Read before the build: the sources may change while the run takes its time.
BUILT_FROM="jars reused, not rebuilt (MILLION_SKIP_BUILD=1)"
if [ "${MILLION_SKIP_BUILD:-0}" != 1 ] || [ ! -f ledger-service/target/ledger-service.jar ] || [ ! -f "$VERIFIER" ]; then
  BUILT_FROM="built from commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- ledger-api ledger-service migrations || echo ' with uncommitted changes')"
  echo "building the service and the verifier" >&2
  mvn -B -q package -Dmaven.test.skip=true -pl ledger-service -am -Dcodegen.schema="${CODEGEN_SCHEMA:-ledger_codegen}"
fi

psql -d postgres -qc "create database $DB"
echo "starting the service on $DB, port $PORT, -Xmx512m" >&2
LEDGER_DB_URL=jdbc:postgresql://localhost:5432/$DB PORT=$PORT \
  "$JAVA" -Xmx512m -jar ledger-service/target/ledger-service.jar > "$WORK/service.log" 2>&1 &
SERVICE=$!
SAMPLER=
cleanup() {
  [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null || true
  kill "$SERVICE" 2>/dev/null || true
  wait "$SERVICE" 2>/dev/null || true
  [ "${MILLION_KEEP_DB:-0}" = 1 ] || psql -d postgres -qc "drop database if exists $DB" || true
}
trap cleanup EXIT
for _ in $(seq 1 180); do
  curl -sf "$URL/actuator/health" > /dev/null && break
  kill -0 $SERVICE 2>/dev/null || { echo "the service did not start: see $WORK/service.log" >&2; exit 1; }
  sleep 1
done

# Once a second: time, RSS (KiB), heap used (KiB: survivors + eden + old), old generation used (KiB).
(
  while kill -0 $SERVICE 2>/dev/null; do
    rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$SERVICE/status")
    "$JSTAT" -gc $SERVICE | awk -v now="$(now)" -v rss="$rss" '
      NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i }
      NR == 2 { printf "%s %s %.0f %.0f\n", now, rss, $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"], $col["OU"] }'
    sleep 1
  done
) > "$WORK/samples.txt" 2>/dev/null &
SAMPLER=$!

# ---- one real collection, through the API
SCHOOL_ID=91350100M000100Y43
REGULATOR=$(scripts/mint-token.sh REGULATOR)
PLATFORM=$(scripts/mint-token.sh PLATFORM)
START=$(date -d yesterday +%F); END=$(date -d '+60 days' +%F); PAID_AT=$(date -d '-2 hours' -Iseconds)
curl -sf -X POST "$URL/v1/institutions" -H "Authorization: Bearer $REGULATOR" -H 'Content-Type: application/json' \
  -d "{\"institutionId\":\"$SCHOOL_ID\",\"name\":\"Million School\",\"category\":\"ARTS\",
       \"supervisionModel\":\"BANK_CUSTODY\",\"custodyAccountNo\":\"6222020200112233\"}" > /dev/null
curl -sf -X POST "$URL/v1/orders" -H "Authorization: Bearer $PLATFORM" -H 'Content-Type: application/json' \
  -d "{\"orderId\":\"order-million\",\"institutionId\":\"$SCHOOL_ID\",\"studentId\":\"stu-million\",\"contractNo\":\"C-MILLION\",
       \"course\":{\"courseId\":\"piano-101\",\"subject\":\"piano\",\"mode\":\"OFFLINE\",\"pricePerHourFen\":15000,
                   \"hours\":20,\"startDate\":\"$START\",\"endDate\":\"$END\"}}" > /dev/null
LEDGER=$URL scripts/bank-call.sh POST /v1/bank/collections \
  "{\"bankTxnId\":\"TXN-MILLION-0\",\"orderId\":\"order-million\",\"amountFen\":300000,\"custodyAccountNo\":\"6222020200112233\",\"receivedAt\":\"$PAID_AT\"}" \
  > "$WORK/collection.json"
journal_size() { psql -d "$DB" -tAc "select coalesce(max(seq), 0) from journal_entry"; }
until [ "$(journal_size)" -ge 1 ]; do sleep 0.2; done
TYPE=$(psql -d "$DB" -tAc "select e.payloadtype from domainevententry e join journal_entry j on j.global_index = e.globalindex where j.seq = 1")
echo "the service journaled one $TYPE; copying it $((ENTRIES - 1)) times into the event store" >&2

# ---- the copies, CHUNK events a transaction, at most two chunks ahead of the journal writer; after
#      MILLION_FILL_SECONDS no more are written and the journal is measured at the size it reached
FILL_STARTED=$(now)
DEADLINE=$(( $(date +%s) + FILL_SECONDS ))
copied=0
while [ $copied -lt $((ENTRIES - 1)) ] && [ "$(date +%s)" -lt $DEADLINE ]; do
  size=$(journal_size)
  if [ $((copied + 1 - size)) -ge $((2 * CHUNK)) ]; then sleep 2; continue; fi
  n=$(( ENTRIES - 1 - copied < CHUNK ? ENTRIES - 1 - copied : CHUNK ))
  psql -d "$DB" -qc "
    insert into domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata, payload,
                                  payloadrevision, payloadtype, timestamp)
    select 'journal-million-' || i, 0, e.type, gen_random_uuid()::text, e.metadata,
           convert_to(replace(convert_from(e.payload, 'UTF8'), '\"TXN-MILLION-0\"', '\"TXN-MILLION-' || i || '\"'), 'UTF8'),
           e.payloadrevision, e.payloadtype, e.timestamp
    from domainevententry e join journal_entry j on j.global_index = e.globalindex and j.seq = 1,
         generate_series($((copied + 1)), $((copied + n))) i"
  copied=$((copied + n))
  echo "  $(date -u +%T) $copied copied; journal at $size" >&2
done
COPIED_AT=$(now)
REACHED=$((copied + 1))
while :; do
  size=$(journal_size)
  [ "$size" -ge "$REACHED" ] && break
  echo "  $(date -u +%T) journal at $size of $REACHED" >&2
  sleep 5
done
FILLED_AT=$(now)
sleep 5

# ---- the export, sampled
REGULATOR=$(scripts/mint-token.sh REGULATOR)
EXPORT_STARTED=$(now)
# A cut export is a finding, not a reason to stop: curl's exit code and the line count are reported.
set +e
curl -sf "$URL/v1/audit/journal" -H 'Accept: application/x-ndjson' -H "Authorization: Bearer $REGULATOR" \
  -o "$WORK/journal.ndjson" -w '%{http_code} %{size_download} %{time_total}\n' > "$WORK/export-curl.txt"
echo "curl exit $?" >> "$WORK/export-curl.txt"
set -e
EXPORT_ENDED=$(now)
sleep 3

# ---- the checkpoints, the key and the offline check
curl -sf -X POST "$URL/v1/audit/checkpoints" -H "Authorization: Bearer $REGULATOR" > "$WORK/checkpoint.json"
curl -sf "$URL/v1/audit/checkpoints?limit=1000" -H "Authorization: Bearer $REGULATOR" > "$WORK/checkpoints.json"
curl -sf "$URL/v1/audit/checkpoint-key" -H "Authorization: Bearer $REGULATOR" > "$WORK/checkpoint-key.json"
kill $SAMPLER 2>/dev/null || true
SAMPLER=
VERIFY_STARTED=$(now)
set +e
/usr/bin/time -f '%M' -o "$WORK/verifier-maxrss.txt" "$JAVA" -jar "$VERIFIER" \
  "$WORK/journal.ndjson" "$WORK/checkpoints.json" "$WORK/checkpoint-key.json" > "$WORK/verifier.txt" 2>&1
VERIFY_EXIT=$?
set -e
VERIFY_ENDED=$(now)
EVENTS=$(psql -d "$DB" -tAc "select count(*) from domainevententry")
DB_SIZE=$(psql -d "$DB" -tAc "select pg_size_pretty(pg_database_size('$DB'))")

python3 - "$WORK" "$REPORT" "$REACHED" "$DB" "$TYPE" "$EVENTS" "$DB_SIZE" "$VERIFY_EXIT" \
  "$FILL_STARTED" "$COPIED_AT" "$FILLED_AT" "$EXPORT_STARTED" "$EXPORT_ENDED" "$VERIFY_STARTED" "$VERIFY_ENDED" \
  "$("$JAVA" -version 2>&1 | head -n 1)" "$ENTRIES" "$FILL_SECONDS" "$CHUNK" \
  "$BUILT_FROM" <<'PY'
import os, platform, subprocess, sys
(work, report, entries, db, event_type, events, db_size, verify_exit,
 fill_started, copied_at, filled_at, export_started, export_ended, verify_started, verify_ended, java, target,
 fill_seconds, chunk, built_from) = sys.argv[1:]
fill_started, copied_at, filled_at, export_started, export_ended, verify_started, verify_ended = map(
    float, (fill_started, copied_at, filled_at, export_started, export_ended, verify_started, verify_ended))
samples = [tuple(map(float, l.split())) for l in open(f"{work}/samples.txt") if len(l.split()) == 4]

def window(start, end):
    return [s for s in samples if start <= s[0] <= end]

def figures(rows):
    if not rows:
        return "no samples"
    return (f"heap used max {max(r[2] for r in rows) / 1024:.0f} MiB, old generation "
            f"{min(r[3] for r in rows) / 1024:.1f} to {max(r[3] for r in rows) / 1024:.1f} MiB, "
            f"RSS max {max(r[1] for r in rows) / 1024:.0f} MiB ({len(rows)} samples)")

idle = window(filled_at, export_started)
fill = window(fill_started, filled_at)
export = window(export_started, export_ended)
code, size, curl_time, _, _, curl_exit = open(f"{work}/export-curl.txt").read().split()
lines = sum(1 for _ in open(f"{work}/journal.ndjson", "rb"))
verdict = open(f"{work}/verifier.txt").read().strip()
verifier_rss = open(f"{work}/verifier-maxrss.txt").read().strip().splitlines()[-1]
checkpoints = open(f"{work}/checkpoints.json").read().count('"signature"')
cpu_model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
load = " ".join(open("/proc/loadavg").read().split()[:3])
ram_gib = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal")) / 2**20
pg = subprocess.run(["psql", "-h", "localhost", "-U", "postgres", "-tAc", "show server_version"], capture_output=True, text=True).stdout.strip()
date = subprocess.run(["date", "-u", "+%Y-%m-%d %H:%M UTC"], capture_output=True, text=True).stdout.strip()

out = []
w = out.append
w(f"# A journal of {int(entries):,} entries, {date} on {platform.node()}")
w("")
if int(entries) < int(target):
    w(f"**Short of the target: {int(entries):,} of {int(target):,} entries** (no copies written after {fill_seconds} s).")
    w("")
w("Written by `load-tests/journal-million.sh` (README, \"Audit: the regulator's own copy\"; docs/operations.md).")
w("")
w(f"- CPU: {os.cpu_count()} × {cpu_model}, {ram_gib:.0f} GiB RAM; load average at the end {load}; PostgreSQL {pg} on localhost")
w(f"- settings: `MILLION_ENTRIES={target} MILLION_CHUNK={chunk} MILLION_FILL_SECONDS={fill_seconds} load-tests/journal-million.sh`, "
  f"service and verifier {built_from}")
w(f"- service: `{java}`, `-Xmx512m`, fresh database `{db}` ({db_size} at the end, {events} events stored)")
w(f"- fill: one `{event_type.rsplit('.', 1)[-1]}` through the API, then {int(entries) - 1:,} copies of its stored event written")
w(f"  into `domainevententry` by SQL (own event id, aggregate id, bank transaction id) and journaled by the service's journal writer")
w("")
w("| phase | seconds | rate |")
w("|---|---:|---:|")
w(f"| copies written to the event store | {copied_at - fill_started:.0f} | {(int(entries) - 1) / (copied_at - fill_started):,.0f} events/s |")
w(f"| journal filled (from the first copy to entry {int(entries):,}) | {filled_at - fill_started:.0f} | {int(entries) / (filled_at - fill_started):,.0f} entries/s |")
w(f"| NDJSON export (curl) | {float(curl_time):.1f} | {lines / float(curl_time):,.0f} lines/s, {int(size) / float(curl_time) / 2**20:.1f} MiB/s |")
w(f"| offline verifier | {verify_ended - verify_started:.1f} | {lines / (verify_ended - verify_started):,.0f} lines/s |")
w("")
w(f"- export: HTTP {code}, curl exit {curl_exit}, {int(size):,} bytes, **{lines:,} lines of {int(entries):,}**"
  + ("" if lines == int(entries) else " (CUT SHORT)"))
w(f"- offline verifier: exit **{verify_exit}**, `{verdict}`, max RSS {int(verifier_rss) / 1024:.0f} MiB; {checkpoints} checkpoints checked")
w("")
w("Heap of the service, from `jstat -gc` once a second (heap used = survivors + eden + old generation):")
w("")
w(f"- while the journal was filled: {figures(fill)}")
w(f"- full journal, before the export: {figures(idle)}")
w(f"- **during the export: {figures(export)}**")
w("")
open(report, "w").write("\n".join(out) + "\n")
print(report)
PY
