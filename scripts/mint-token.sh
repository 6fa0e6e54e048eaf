#!/usr/bin/env bash
# Mints an HS256 bearer token for trying the ledger locally, signed with LEDGER_JWT_SECRET (or the
# development default the service uses when that is unset). Needs only bash and openssl.
#
#   scripts/mint-token.sh ROLE [institution_id] [subject] [ttl_seconds]
#   TOKEN=$(scripts/mint-token.sh REGULATOR)
#   TOKEN=$(scripts/mint-token.sh INSTITUTION 91350100M000100Y43)
set -euo pipefail

role=${1:?usage: mint-token.sh PLATFORM|BANK|INSTITUTION|REGULATOR [institution_id] [subject] [ttl_seconds]}
institution=${2:-}
subject=${3:-local-$(echo "$role" | tr '[:upper:]' '[:lower:]')}
ttl=${4:-3600}
secret=${LEDGER_JWT_SECRET:-local-development-secret-do-not-use-in-production}

case "$role" in
  PLATFORM|BANK|REGULATOR) ;;
  INSTITUTION) [ -n "$institution" ] || { echo "an INSTITUTION token needs an institution_id" >&2; exit 2; } ;;
  *) echo "unknown role: $role" >&2; exit 2 ;;
esac

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

now=$(date +%s)
header='{"alg":"HS256","typ":"JWT"}'
claims="{\"sub\":\"$subject\",\"roles\":[\"$role\"],\"iat\":$now,\"exp\":$((now + ttl))"
[ -n "$institution" ] && claims="$claims,\"institution_id\":\"$institution\""
claims="$claims}"

unsigned="$(printf '%s' "$header" | b64url).$(printf '%s' "$claims" | b64url)"
signature=$(printf '%s' "$unsigned" | openssl dgst -sha256 -hmac "$secret" -binary | b64url)
printf '%s.%s\n' "$unsigned" "$signature"
