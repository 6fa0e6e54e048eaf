#!/usr/bin/env bash
# Prints the address that opens the console signed in, for a local trial: a token minted by
# mint-token.sh, handed to the page in the URL fragment (never sent to the server, and taken out of
# the address bar by the page at once).
#
#   scripts/console-url.sh                                  # a regulator
#   scripts/console-url.sh INSTITUTION 91350100M000100Y43   # that institution's staff
#   LEDGER=http://localhost:8081 scripts/console-url.sh
set -euo pipefail
cd "$(dirname "$0")/.."

role=${1:-REGULATOR}
token=$(scripts/mint-token.sh "$role" "${2:-}" "" "${TTL_SECONDS:-28800}")
printf '%s/console/#token=%s\n' "${LEDGER:-http://localhost:8080}" "$token"
