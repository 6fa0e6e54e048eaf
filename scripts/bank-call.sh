#!/usr/bin/env bash
# Sends a signed bank call, as a custody bank would (docs/api.md, "Bank signatures", scheme v2):
# X-Ledger-Timestamp, and X-Ledger-Signature = v2=<hex HMAC-SHA256(LEDGER_BANK_HMAC_SECRET, canonical)>
# where canonical = "v2\n" timestamp "\n" METHOD "\n" path?query "\n" content-type "\n" hex(sha256(body)),
# with a BANK bearer token (minted with scripts/mint-token.sh unless BANK_TOKEN is set).
#
#   scripts/bank-call.sh POST /v1/bank/collections '{"bankTxnId":"TXN-1",...}'
#   scripts/bank-call.sh GET '/v1/bank/instructions?status=PENDING'
#   CONTENT_TYPE=text/csv scripts/bank-call.sh POST /v1/bank/statements "$(cat statement.csv)"
#
# The path is sent, and signed, exactly as given: write it as the contract does (no encoding, no
# trailing slash), or the ledger refuses it as PATH_NOT_CANONICAL.
set -euo pipefail

method=${1:?usage: bank-call.sh GET|POST PATH [BODY]}
path=${2:?usage: bank-call.sh GET|POST PATH [BODY]}
body=${3:-}
ledger=${LEDGER:-http://localhost:8080}
secret=${LEDGER_BANK_HMAC_SECRET:-local-development-bank-secret-do-not-use-in-production}
token=${BANK_TOKEN:-$("$(dirname "$0")/mint-token.sh" BANK)}
content_type=
if [ "$method" != GET ]; then
  content_type=${CONTENT_TYPE:-application/json}
fi

timestamp=$(date +%s)
body_sha256=$(printf '%s' "$body" | openssl dgst -sha256 -hex | sed 's/^.* //')
signature=$(printf 'v2\n%s\n%s\n%s\n%s\n%s' "$timestamp" "$method" "$path" "$content_type" "$body_sha256" \
  | openssl dgst -sha256 -hmac "$secret" -hex | sed 's/^.* //')

args=(-s -X "$method" "$ledger$path" -H "Authorization: Bearer $token"
      -H "X-Ledger-Timestamp: $timestamp" -H "X-Ledger-Signature: v2=$signature")
if [ "$method" != GET ]; then
  args+=(-H "Content-Type: $content_type" --data-binary "$body")
fi
curl "${args[@]}"
