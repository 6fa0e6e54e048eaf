#!/usr/bin/env bash
# The ledger's benchmark, in one command, from the top of the repository:
#
#   load-tests/benchmark.sh
#
# Starts PostgreSQL if it is down (scripts/ensure-postgres.sh), builds the service, creates a fresh
# database and starts the service on it with a 512 MiB heap, runs pgbench TPC-B-like (scale 10,
# 8 clients, 30 s) on the same PostgreSQL before and after, runs the Gatling simulations (the mixed
# cycle, then batch collections), checks the ledger's invariants afterwards (trial balance balanced,
# verification passes, no student's prepaid balance above the 5000-yuan cap), samples the JVM's heap,
# RSS and CPU time (/proc) and the journal's lag, and writes load-tests/results/<date>-<host>.md.
#
# Settings (environment): BENCH_USERS (16 concurrent cycles), BENCH_SECONDS (60), BENCH_BATCHES (20
# batches of 100), BENCH_BATCH_USERS (4), BENCH_WARMUP_SECONDS (20, a mixed run not reported), BENCH_PORT (18080), BENCH_JFR=1 records a flight recording
# of the service into load-tests/target/benchmark/service.jfr, BENCH_SKIP_BUILD=1 reuses the built jar,
# CODEGEN_SCHEMA names the build's jOOQ scratch schema (ledger_codegen), BENCH_PGBENCH_SECONDS (30) is
# for a quick try only, JAVA_HOME picks the service's Java (the default java otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."

USERS=${BENCH_USERS:-16}
SECONDS_OF_LOAD=${BENCH_SECONDS:-60}
BATCHES=${BENCH_BATCHES:-20}
BATCH_USERS=${BENCH_BATCH_USERS:-4}
PORT=${BENCH_PORT:-18080}
PGBENCH_SECONDS=${BENCH_PGBENCH_SECONDS:-30}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
DB=ledger_bench_$(date -u +%Y%m%d%H%M%S)
PGBENCH_DB=ledger_pgbench
WORK=load-tests/target/benchmark
REPORT=load-tests/results/$(date -u +%Y-%m-%d)-$(hostname -s).md
URL=http://localhost:$PORT
mkdir -p "$WORK" load-tests/results
rm -f "$WORK"/*.txt "$WORK"/*.json "$WORK"/*.log

scripts/ensure-postgres.sh
psql() { command psql -h localhost -U postgres -v ON_ERROR_STOP=1 "$@"; }

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f ledger-service/target/ledger-service.jar ]; then
  echo "building the service and the simulations" >&2
  mvn -B -q install -DskipTests -Dcodegen.schema="${CODEGEN_SCHEMA:-ledger_codegen}"
fi

pgbench_tps() {
  pgbench -h localhost -U postgres -c 8 -j 2 -T "$PGBENCH_SECONDS" -n "$PGBENCH_DB" 2>&1 | tee -a "$WORK/pgbench.log" \
    | sed -n 's/^tps = \([0-9.]*\) (without initial connection time)$/\1/p'
}
echo "pgbench: initialising scale 10" >&2
psql -d postgres -qc "drop database if exists $PGBENCH_DB" -c "create database $PGBENCH_DB"
pgbench -h localhost -U postgres -i -s 10 -q "$PGBENCH_DB" > "$WORK/pgbench.log" 2>&1
echo "pgbench: 8 clients, 30 s (before)" >&2
PGBENCH_BEFORE=$(pgbench_tps)

psql -d postgres -qc "create database $DB"
JFR_OPTION=()
if [ "${BENCH_JFR:-0}" = 1 ]; then
  # Deep enough for a command's whole stack (Tomcat, security, MVC, Axon, jOOQ): the default of 64 frames cuts it.
  JFR_OPTION=(-XX:FlightRecorderOptions:stackdepth=256 -XX:StartFlightRecording=filename=$WORK/service.jfr,settings=profile,dumponexit=true)
fi
echo "starting the service on $DB, port $PORT" >&2
LEDGER_DB_URL=jdbc:postgresql://localhost:5432/$DB PORT=$PORT \
  "$JAVA" -Xmx512m "${JFR_OPTION[@]}" -jar ledger-service/target/ledger-service.jar > "$WORK/service.log" 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null || true; kill $SAMPLER 2>/dev/null || true' EXIT
SAMPLER=
for _ in $(seq 1 180); do
  curl -sf "$URL/actuator/health" > /dev/null && break
  kill -0 $SERVICE 2>/dev/null || { echo "the service did not start: see $WORK/service.log" >&2; exit 1; }
  sleep 1
done
REGULATOR=$(scripts/mint-token.sh REGULATOR)
scrape() { curl -sf -H "Authorization: Bearer $REGULATOR" "$URL/actuator/prometheus"; }
metric() { scrape | awk -v name="$1" '$1 == name { print $NF }'; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVICE/stat"; }
rss_kib() { awk '/^VmRSS/ { print $2 }' "/proc/$SERVICE/status"; }

# Once a second: time, RSS (KiB), heap used (bytes), journal backlog (events) and lag (s).
(
  while kill -0 $SERVICE 2>/dev/null; do
    scrape | awk -v now="$(date +%s.%N)" -v rss="$(rss_kib)" '
      /^jvm_memory_used_bytes\{area="heap"/ { heap += $NF }
      $1 == "ledger_journal_backlog_events" { backlog = $NF }
      $1 == "ledger_journal_lag_seconds" { lag = $NF }
      END { printf "%s %s %d %s %s\n", now, rss, heap, backlog, lag }'
    sleep 1
  done
) > "$WORK/samples.txt" 2>/dev/null &
SAMPLER=$!

simulate() {
  local simulation=$1 phase=$2
  local before_ticks after_ticks started ended
  before_ticks=$(cpu_ticks); started=$(date +%s.%N)
  echo "$phase: $simulation" >&2
  if mvn -B -q -pl load-tests gatling:test -Dgatling.simulationClass="com.tuitionescrow.ledger.loadtest.simulations.$simulation" \
      -Dledger.url="$URL" -Dload.users="$USERS" -Dload.seconds="$SECONDS_OF_LOAD" -Dload.batches="$BATCHES" \
      -Dload.batchUsers="$BATCH_USERS" > "$WORK/$phase.log" 2>&1; then
    echo passed > "$WORK/$phase.assertions.txt"
  else
    echo failed > "$WORK/$phase.assertions.txt"
  fi
  ended=$(date +%s.%N); after_ticks=$(cpu_ticks)
  local run
  run=$(ls -td load-tests/target/gatling/"$(echo "$simulation" | tr '[:upper:]' '[:lower:]')"-* | head -n 1)
  cp "$run/index.html" "$WORK/$phase.gatling.html"
  echo "$started $ended $before_ticks $after_ticks" > "$WORK/$phase.cpu.txt"
  # How long the journal takes to catch up once the load stops.
  local caught_up=
  for _ in $(seq 1 300); do
    [ "$(metric ledger_journal_backlog_events)" = "0.0" ] && { caught_up=$(date +%s.%N); break; }
    sleep 0.2
  done
  echo "${caught_up:-never} $ended" > "$WORK/$phase.catchup.txt"
}
# A short mixed run first, not reported: the JIT compiles the hot paths, the pool fills.
SECONDS_MEASURED=$SECONDS_OF_LOAD
SECONDS_OF_LOAD=${BENCH_WARMUP_SECONDS:-20}
simulate MixedCycleSimulation warmup
SECONDS_OF_LOAD=$SECONDS_MEASURED
MEASURED_FROM=$(date +%s)
simulate MixedCycleSimulation mixed
simulate BatchCollectionsSimulation batch

echo "checking the invariants" >&2
sleep 2
curl -sf -H "Authorization: Bearer $REGULATOR" "$URL/v1/audit/trial-balance" > "$WORK/trial-balance.json"
curl -sf -H "Authorization: Bearer $REGULATOR" "$URL/v1/audit/verification" > "$WORK/verification.json"
psql -d "$DB" -tAc "select count(*) from account_balance where account_type = 'STUDENT_PREPAID'
                     and credit_fen - debit_fen > 500000" > "$WORK/over-cap.txt"
psql -d "$DB" -tAc "select count(*) from domainevententry" > "$WORK/events.txt"

kill $SAMPLER 2>/dev/null || true
kill $SERVICE; wait $SERVICE 2>/dev/null || true
trap - EXIT

echo "pgbench: 8 clients, 30 s (after)" >&2
PGBENCH_AFTER=$(pgbench_tps)

python3 - "$WORK" "$REPORT" "$PGBENCH_BEFORE" "$PGBENCH_AFTER" "$USERS" "$SECONDS_OF_LOAD" "$BATCHES" "$BATCH_USERS" \
  "$("$JAVA" -version 2>&1 | head -n 1)" "$DB" "$MEASURED_FROM" <<'PY'
import json, os, re, sys, platform, subprocess
work, report, pg_before, pg_after, users, seconds, batches, batch_users, java, db, measured_from = sys.argv[1:]
pg_before, pg_after = float(pg_before), float(pg_after)
pg = (pg_before + pg_after) / 2
tick = os.sysconf("SC_CLK_TCK")

COLUMNS = ["total", "ok", "ko", "ko_percent", "per_second", "min", "p50", "p75", "p95", "p99", "max", "mean", "stddev"]

def stats(phase):
    """Gatling's statistics table, read from its HTML report: one row per request name, all first."""
    html = open(f"{work}/{phase}.gatling.html").read()
    rows = []
    for row in re.findall(r'<tr id="[^"]*"[^>]*>(.*?)</tr>', html, re.S):
        name = re.search(r'class="ellipsed-name">([^<]*)<', row).group(1)
        values = [float(v) for v in re.findall(r'class="value [a-z]+ col-(?:[2-9]|1[0-4])">([0-9.]+)<', row)]
        rows.append(("all requests" if name == "All Requests" else name, dict(zip(COLUMNS, values))))
    return rows

def phase_figures(phase):
    started, ended, t0, t1 = map(float, open(f"{work}/{phase}.cpu.txt").read().split())
    rows = stats(phase)
    total = int(rows[0][1]["total"])
    cpu_s = (t1 - t0) / tick
    caught, stop = open(f"{work}/{phase}.catchup.txt").read().split()
    catchup = "never (30 s)" if caught == "never" else f"{float(caught) - float(stop):.1f} s"
    return rows, total, cpu_s, catchup, open(f"{work}/{phase}.assertions.txt").read().strip()

samples = [l.split() for l in open(f"{work}/samples.txt")
           if len(l.split()) == 5 and float(l.split()[0]) >= float(measured_from)]
rss = [int(s[1]) / 1024 for s in samples]
heap = [int(s[2]) / 2**20 for s in samples]
lag = sorted(float(s[4]) for s in samples)
backlog = [float(s[3]) for s in samples]
def pct(values, p):
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")

tb = json.load(open(f"{work}/trial-balance.json"))
ver = json.load(open(f"{work}/verification.json"))
over_cap = int(open(f"{work}/over-cap.txt").read().strip())
events = int(open(f"{work}/events.txt").read().strip())
load = open("/proc/loadavg").read().split()[:3]
cpu_model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
mem = next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal"))
pg_version = subprocess.run(["psql", "-h", "localhost", "-U", "postgres", "-tAc", "show server_version"],
                            capture_output=True, text=True).stdout.strip()

out = []
w = out.append
w(f"# Benchmark {subprocess.run(['date', '-u', '+%Y-%m-%d %H:%M UTC'], capture_output=True, text=True).stdout.strip()} on {platform.node()}")
w("")
w("Written by `load-tests/benchmark.sh` (see docs/operations.md, \"Benchmark\"). Ratios are to the mean of the")
w("two pgbench runs on the same PostgreSQL in the same run.")
w("")
w("## Machine and settings")
w("")
w(f"- CPU: {os.cpu_count()} × {cpu_model}; memory {int(mem) // 1024} MiB; load average at the end {' '.join(load)}")
w(f"- PostgreSQL {pg_version} on localhost; service: `{java}`, `-Xmx512m`, fresh database `{db}`")
w(f"- pgbench TPC-B-like, scale 10, 8 clients, 2 threads, 30 s: **{pg_before:.0f} tps before, {pg_after:.0f} tps after** (mean {pg:.0f})")
w(f"- mixed cycle: {users} concurrent cycles for {seconds} s; batch collections: {batches} batches of 100, {batch_users} banks at a time")
w("")
for phase, title, per in (("mixed", "Mixed cycle, one request at a time", 1), ("batch", "Batch collections, 100 per request", 100)):
    rows, total, cpu_s, catchup, assertions = phase_figures(phase)
    w(f"## {title}")
    w("")
    w(f"Gatling assertions (no errors{', p99 under the target' if phase == 'mixed' else ''}): **{assertions}**. "
      f"Service CPU {cpu_s:.1f} s for {total} requests: **{1000 * cpu_s / max(total, 1):.2f} ms of CPU per request**"
      + (f" ({1000 * cpu_s / max(total * per, 1):.3f} ms per receipt)" if per > 1 else "") + f". Journal caught up {catchup} after the load stopped.")
    w("")
    w("| request | count | KO | per second | × pgbench | p50 ms | p95 ms | p99 ms | max ms |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, s in rows:
        items = s["per_second"] * per
        w(f"| {name}{' (receipts: × 100)' if per > 1 else ''} | {s['total']:.0f} | {s['ko']:.0f} | "
          f"{items:.1f} | {items / pg:.3f} | {s['p50']:.0f} | {s['p95']:.0f} | {s['p99']:.0f} | {s['max']:.0f} |")
    w("")
w("Per second: requests (receipts for the batches) over the simulation's duration, as Gatling counts them.")
w("")
w("## Projection lag, memory, invariants")
w("")
w(f"- journal lag (age of the oldest unjournaled event), sampled each second through the run: p50 {pct(lag, 50):.2f} s, "
  f"p99 {pct(lag, 99):.2f} s, max {lag[-1] if lag else float('nan'):.2f} s; largest backlog {max(backlog) if backlog else 0:.0f} events")
w(f"- heap used: max {max(heap):.0f} MiB of 512; RSS: max {max(rss):.0f} MiB")
w(f"- events stored at the end: {events}")
w(f"- trial balance balanced: **{tb.get('balanced')}** (debits {tb.get('totalDebitFen')} = credits {tb.get('totalCreditFen')} fen)")
w(f"- verification: chainIntact **{ver.get('chainIntact')}**, balanced **{ver.get('balanced')}**, replayMatches **{ver.get('replayMatches')}**, "
  f"institutions covered **{all(i.get('covered', False) for i in ver.get('institutions', []))}** ({ver.get('entries')} entries)")
w(f"- students above the 5000-yuan prepaid cap: **{over_cap}**")
open(report, "w").write("\n".join(out) + "\n")
print(report)
PY
