#!/usr/bin/env bash
# Records the xinference fixtures from a real Xinference (Xorbits Inference) server: `xinference-local` (supervisor,
# worker and REST API in one) from PyPI xinference==4.1.0, with no model launched, so nothing is downloaded at start.
# The base install pulls torch 2.15 with its CUDA 13 wheels, transformers, peft, timm and modelscope (116 packages,
# about 6.3 GB in the venv, 4 minutes here). Each server has its own
# XINFERENCE_HOME in the temporary work folder.
#   XINFERENCE_AUTH_ADVANCED=false (authentication off)                              -> xinference/open
#   the database-backed auth, on by default since 3.0, with one admin user and one
#   API key migrated from a legacy --auth-config JSON with xinference-migrate-auth    -> xinference/auth-config
# Since 3.0 xinference-local has no --auth-config flag: the docs (getting_started/migration_3_0) carry an old
# auth_config.json's users and keys over with xinference-migrate-auth, under the server's XINFERENCE_AUTH_ENCRYPTION_KEY.
# A default start (auth on, no user yet, first-run setup pending) answered the family's four requests (/v1/cluster/auth,
# /v1/models, /, the canary) as auth-config does when tried by hand, so it is not recorded separately.
# The servers run in a fresh network namespace (`unshare -n`, root) whose only interface is lo, so nothing they try
# to reach leaves the machine.
# Usage: bash scripts/capture/xinference.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=4.1.0
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VENV="$ROOT/.venv-capture/xinference"
OPEN_PORT=19600
AUTH_PORT=19601
PUBLIC_HOST=203.0.113.9

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv "$VENV" "xinference==$VERSION"
enter_isolated_netns "$0" "$@"

make_workdir xinference

# serve PORT HOME ENV…: xinference-local on 127.0.0.1:PORT with XINFERENCE_HOME=WORK/HOME, waiting until
# /v1/cluster/auth answers 2xx (the API starts once the supervisor and the worker are up).
serve() {
  local port=$1 home=$2; shift 2
  serve_tracked "$WORK/xinference-$port.log" "http://127.0.0.1:$port/v1/cluster/auth" env -u XINFERENCE_AUTH_ADVANCED "$@" \
    XINFERENCE_HOME="$WORK/$home" "$VENV/bin/xinference-local" --host 127.0.0.1 --port "$port"
  wait_for_2xx "http://127.0.0.1:$port/v1/cluster/auth" 120
}

# The legacy auth config (its "auth_config" block is no longer read) and the key its API keys are encrypted with.
cat >"$WORK/auth_config.json" <<'EOF'
{"user_config": [{"username": "capture-user", "password": "capture-password", "permissions": ["admin"], "api_keys": ["sk-capture-secret-key"]}]}
EOF
ENCRYPTION_KEY=$("$VENV/bin/python" -c 'import secrets; print(secrets.token_hex(32))')
mkdir -p "$WORK/home-auth/auth"
"$VENV/bin/xinference-migrate-auth" --auth-config "$WORK/auth_config.json" --db-path "$WORK/home-auth/auth/auth.db" \
  --encryption-key "$ENCRYPTION_KEY"

serve "$OPEN_PORT" home-open XINFERENCE_AUTH_ADVANCED=false
serve "$AUTH_PORT" home-auth XINFERENCE_AUTH_ENCRYPTION_KEY="$ENCRYPTION_KEY"
echo "--- listeners in the namespace:"
ss -ltnp
# The migrated key works (so the refusals recorded below are for the missing credentials).
curl -sf -m 5 -o /dev/null -H "Authorization: Bearer sk-capture-secret-key" "http://127.0.0.1:$AUTH_PORT/v1/models"

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family xinference --port 9997 \
    --host "$PUBLIC_HOST:9997" --product Xinference --version "$VERSION" "$@")
}
BUILT="PyPI xinference==$VERSION, no model launched; in an unshare -n namespace with only lo"
LOCAL="xinference-local --host 127.0.0.1 (XINFERENCE_HOME=<temp>)"
# No --expect-version: only /v1/cluster/version reports it (and only with auth off), which the probe does not ask.
record --case open --url "http://127.0.0.1:$OPEN_PORT" --verdict unauthenticated \
  --description "Xinference with authentication turned off (XINFERENCE_AUTH_ADVANCED=false): /v1/cluster/auth says auth is off and /v1/models answers anyone" \
  --how "XINFERENCE_AUTH_ADVANCED=false $LOCAL ($BUILT)"
record --case auth-config --url "http://127.0.0.1:$AUTH_PORT" --verdict auth-required \
  --description "Xinference with its database-backed auth (the default since 3.0) holding a user and an API key migrated from a legacy --auth-config JSON: /v1/cluster/auth says auth is on, /v1/models answers 401 \"Could not validate credentials\" with WWW-Authenticate: Bearer scope=\"models:list\"" \
  --how "xinference-migrate-auth --auth-config <json: one admin user, one API key> --db-path <home>/auth/auth.db --encryption-key <key>, then XINFERENCE_AUTH_ENCRYPTION_KEY=<key> $LOCAL ($BUILT)"
