#!/usr/bin/env bash
# The fault harness (README, "Faults"): the ledger under load is killed with SIGKILL several times and
# has its database restarted; afterwards every acknowledged request must be there, none applied twice,
# and the books must verify. Writes load-tests/results/faults-<date>.md and exits non-zero if a check fails.
#
#   load-tests/faults.sh
#
# It builds the service jar and the harness if they are missing or older than their sources, creates a
# PostgreSQL cluster of its own (initdb in a temporary directory, port FAULTS_DB_PORT) so that stopping it
# touches nothing else, runs the harness against it and removes the cluster at the end. Only localhost.
# Settings (environment): FAULTS_DB_PORT (55432), FAULTS_SERVICE_PORT (18480), FAULTS_WORKERS (4),
# FAULTS_CRASHES (3), FAULTS_LOAD_SECONDS between faults (10), FAULTS_OUTAGE_SECONDS (5),
# FAULTS_MVN_OPTS (extra Maven options for the build, e.g. "-o -Dcodegen.schema=ledger_codegen_x").
set -euo pipefail
cd "$(dirname "$0")/.."

db_port=${FAULTS_DB_PORT:-55432}
service_port=${FAULTS_SERVICE_PORT:-18480}
pg_bin=${FAULTS_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$pg_bin/initdb" ] || { echo "no PostgreSQL binaries (initdb) under /usr/lib/postgresql/*/bin; set FAULTS_PG_BIN" >&2; exit 2; }
for port in "$db_port" "$service_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is in use: set FAULTS_DB_PORT / FAULTS_SERVICE_PORT" >&2; exit 2
  fi
done

# ---- build what is missing or stale
jar=ledger-service/target/ledger-service.jar
newer_sources() { [ ! -e "$1" ] || [ -n "$(find "${@:2}" -newer "$1" -type f -print -quit)" ]; }
if newer_sources "$jar" ledger-api/src migrations/src ledger-service/src pom.xml ledger-service/pom.xml; then
  echo "[faults] building the service"
  mvn -B -q ${FAULTS_MVN_OPTS:-} package -DskipTests -pl ledger-service -am
fi
classpath_file=load-tests/target/faults.classpath
if newer_sources "$classpath_file" load-tests/src/main ledger-api/src load-tests/pom.xml; then
  echo "[faults] building the harness"
  # In the reactor, so the harness runs on this tree's ledger-api (target/classes), not on whatever is installed.
  mvn -B -q ${FAULTS_MVN_OPTS:-} compile dependency:build-classpath -pl load-tests -am \
    -Dmdep.outputFile=target/faults.classpath -DincludeScope=runtime
fi

# ---- a PostgreSQL cluster of the harness's own
work=$(mktemp -d /tmp/ledger-faults.XXXXXX)
as_owner=()
if [ "$(id -u)" = 0 ]; then
  # initdb and postgres refuse to run as root: the cluster belongs to the postgres user.
  chown postgres "$work"
  as_owner=(runuser -u postgres --)
fi
cat > "$work/db.sh" <<SCRIPT
#!/usr/bin/env bash
# The harness's cluster only: $work/pgdata on port $db_port.
set -euo pipefail
case "\$1" in
  start) ${as_owner[*]} "$pg_bin/pg_ctl" -D "$work/pgdata" -l "$work/postgres.log" -w -t 60 \\
           -o "-p $db_port -k $work -c listen_addresses=localhost" start >/dev/null ;;
  stop)  ${as_owner[*]} "$pg_bin/pg_ctl" -D "$work/pgdata" -m immediate -w stop >/dev/null ;;
  *) echo "usage: db.sh start|stop" >&2; exit 2 ;;
esac
SCRIPT
chmod 755 "$work/db.sh"

cleanup() {
  if [ -s "$work/service.pid" ]; then kill -9 "$(cat "$work/service.pid")" 2>/dev/null || true; fi
  "${as_owner[@]}" "$pg_bin/pg_ctl" -D "$work/pgdata" -m immediate -w stop >/dev/null 2>&1 || true
  if [ -f "$work/service.log" ]; then cp "$work/service.log" load-tests/target/faults-service.log 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "[faults] PostgreSQL cluster in $work on port $db_port"
"${as_owner[@]}" "$pg_bin/initdb" -D "$work/pgdata" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
"$work/db.sh" start
"$pg_bin/psql" -h localhost -p "$db_port" -U postgres -d postgres -qc "create database ledger"

FAULTS_WORK_DIR=$work FAULTS_SERVICE_JAR=$jar FAULTS_DB_SCRIPT=$work/db.sh \
FAULTS_DB_URL=jdbc:postgresql://localhost:$db_port/ledger FAULTS_SERVICE_PORT=$service_port \
FAULTS_PSQL="$pg_bin/psql -h localhost -p $db_port -U postgres -d ledger" \
FAULTS_REPORT_DIR=load-tests/results \
  java -cp "load-tests/target/classes:$(cat "$classpath_file")" com.tuitionescrow.ledger.loadtests.faults.FaultHarness
