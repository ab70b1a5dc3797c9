#!/usr/bin/env bash
# Records Flowise 3.x fixtures from a real Flowise: npm flowise@3.1.4 (engines node ^24), run with the Lambda runtime's
# Node 24 on SQLite.
# Install (about 5 minutes, 3 GB, capture only), into .venv-capture/flowise with a package.json of its own:
#   - `npm install --ignore-scripts`: a plain install fails, as faiss-node's install script downloads a prebuilt binary
#     from GitHub (then tries to git clone faiss) and npm rolls the whole install back;
#   - then `npm rebuild sqlite3` (npm_config_build_from_source, --nodedir=<Node 24>) compiles the one native module
#     `flowise start` needs on SQLite. Many component (node) modules still fail to load at start, which leaves the
#     HTTP API up.
# One instance, recorded twice:
#   fresh, before the first account exists (3.x open source: the UI's organization set-up page)   -> flowise/v3-fresh
#   after the script, as the operator, registers the first admin account on loopback               -> flowise/v3-account
# Flowise runs in a fresh network namespace (`unshare -n`, root) whose only interface is lo, with telemetry off.
# Usage: bash scripts/capture/flowise.sh   (needs root for unshare; the network only for npm)
set -euo pipefail

VERSION=3.1.4
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PREFIX="$ROOT/.venv-capture/flowise"
FLOWISE="$PREFIX/node_modules/flowise/bin/run"
PORT=19620
PUBLIC_HOST=203.0.113.9

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
installed_version() { "$NODE24" -p "require('$PREFIX/node_modules/flowise/package.json').version" 2>/dev/null || true; }
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_npm_app_with_sqlite "$PREFIX" "$(installed_version)" "$VERSION" \
  "{\"name\": \"flowise-capture\", \"private\": true, \"dependencies\": {\"flowise\": \"$VERSION\"}}"
enter_isolated_netns "$0" "$@"

make_workdir flowise

serve_tracked "$WORK/flowise.log" "http://127.0.0.1:$PORT/api/v1/ping" env PATH="$NODE24_DIR/bin:$PATH" \
  HOST=127.0.0.1 PORT="$PORT" DATABASE_PATH="$WORK/data" SECRETKEY_PATH="$WORK/data" LOG_PATH="$WORK/data/logs" \
  BLOB_STORAGE_PATH="$WORK/data/storage" DISABLE_FLOWISE_TELEMETRY=true \
  "$NODE24" "$FLOWISE" start
SERVER_PGID=${PIDS[-1]}
wait_until_up "$WORK/flowise.log" curl -sf -m 5 -o /dev/null "http://127.0.0.1:$PORT/api/v1/version"
SERVER_PGID=""
echo "--- listeners in the namespace:"
ss -ltnp

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family flowise --port 3000 --host "$PUBLIC_HOST:3000" \
    --product Flowise --version "$VERSION" --expect-version "$VERSION" --url "http://127.0.0.1:$PORT" "$@")
}
INSTALLED="npm flowise@$VERSION (--ignore-scripts, sqlite3 rebuilt from source) on Node 24, SQLite in DATABASE_PATH; DISABLE_FLOWISE_TELEMETRY=true; in an unshare -n namespace with only lo"
# Both cases are auth-required to this fingerprint, which reads only key-less GETs: on 3.x every /api/v1 path outside
# WHITELIST_URLS answers 401 {"error":"Unauthorized Access"}, account or not. Whether the instance still waits for its
# first account shows only in POST /api/v1/auth/resolve ({"redirectUrl":"/organization-setup"} vs "/signin"), which the
# probe does not send; it is checked here to make sure each case shows the state it claims.
resolve() { curl -s -X POST -m 5 "http://127.0.0.1:$PORT/api/v1/auth/resolve"; }
resolve | grep -q '"redirectUrl":"/organization-setup"' || { echo "the fresh instance does not ask for organization set-up" >&2; exit 1; }
record --case v3-fresh --verdict auth-required \
  --description "Flowise 3.x before its first account exists: the UI offers organization set-up (POST /api/v1/account/register, whitelisted) to whoever comes first, but every /api/v1 path outside the whitelist answers 401 {\"error\":\"Unauthorized Access\"}, also with the UI's x-request-from: internal header" \
  --how "HOST=127.0.0.1 PORT=$PORT flowise start, fresh DATABASE_PATH, no account yet ($INSTALLED)"

# The operator's step, on loopback: register the first (owner) account, as the UI's organization set-up page does
# (the password is random and never stored).
operator_post 201 "http://127.0.0.1:$PORT/api/v1/account/register" \
  "{\"user\":{\"name\":\"Capture Owner\",\"email\":\"owner@example.com\",\"credential\":\"$(capture_password)\"}}"
resolve | grep -q '"redirectUrl":"/signin"' || { echo "the first account is not set up" >&2; exit 1; }

record --case v3-account --verdict auth-required \
  --description "Flowise 3.x with its first (owner) account registered: POST /api/v1/auth/resolve now points to /signin, and every /api/v1 path outside the whitelist wants a login or an API key (401)" \
  --how "as v3-fresh, after POST /api/v1/account/register {user: {name, email, credential}} on loopback created the owner account ($INSTALLED)"
