#!/usr/bin/env bash
# Makes sure the local PostgreSQL answers on localhost:5432, starting the machine's cluster if it
# is down. The ledger and its tests need nothing else.
set -euo pipefail

if pg_isready -q -h localhost -p 5432; then
  exit 0
fi
echo "PostgreSQL is down; starting it" >&2
if command -v pg_ctlcluster >/dev/null; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start
else
  echo "no pg_ctlcluster here: start PostgreSQL on localhost:5432 yourself" >&2
  exit 1
fi
for _ in $(seq 1 30); do
  pg_isready -q -h localhost -p 5432 && exit 0
  sleep 1
done
echo "PostgreSQL did not come up on localhost:5432" >&2
exit 1
