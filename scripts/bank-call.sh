#!/usr/bin/env bash
# Sends a signed bank call, as a custody bank would: X-Ledger-Timestamp and
# X-Ledger-Signature = sha256=<hex HMAC-SHA256(LEDGER_BANK_HMAC_SECRET, timestamp + "." + body)>,
# with a BANK bearer token (minted with scripts/mint-token.sh unless BANK_TOKEN is set).
#
#   scripts/bank-call.sh POST /v1/bank/collections '{"bankTxnId":"TXN-1",...}'
#   scripts/bank-call.sh GET '/v1/bank/instructions?status=PENDING'
set -euo pipefail

method=${1:?usage: bank-call.sh GET|POST PATH [BODY]}
path=${2:?usage: bank-call.sh GET|POST PATH [BODY]}
body=${3:-}
ledger=${LEDGER:-http://localhost:8080}
secret=${LEDGER_BANK_HMAC_SECRET:-local-development-bank-secret-do-not-use-in-production}
token=${BANK_TOKEN:-$("$(dirname "$0")/mint-token.sh" BANK)}

timestamp=$(date +%s)
signature=$(printf '%s.%s' "$timestamp" "$body" | openssl dgst -sha256 -hmac "$secret" -hex | sed 's/^.* //')

args=(-s -X "$method" "$ledger$path" -H "Authorization: Bearer $token"
      -H "X-Ledger-Timestamp: $timestamp" -H "X-Ledger-Signature: sha256=$signature")
if [ "$method" != GET ]; then
  args+=(-H 'Content-Type: application/json' --data-binary "$body")
fi
curl "${args[@]}"
