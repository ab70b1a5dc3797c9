#!/usr/bin/env bash
# Records the n8n fixtures from a real n8n: npm n8n@2.41.1 (npm's latest is 2.41.3, but the registry here lacks 21 of
# its exact-pinned @n8n/* and n8n-* dependencies, e.g. @n8n/agents@0.26.2 and n8n-core@2.41.2; every dependency of
# 2.41.1 is there), run with the Lambda runtime's Node 24 (n8n wants Node >= 24) on SQLite.
# Install (about 5 minutes, 2.8 GB, capture only), into .venv-capture/n8n with a package.json of its own:
#   - an npm "overrides" entry pins xlsx to the registry's 0.18.5: n8n-nodes-base depends on a tarball URL on
#     cdn.sheetjs.com, which cannot be fetched here, so a plain `npm install n8n` fails;
#   - `npm install --ignore-scripts`, as several install scripts download prebuilt binaries from GitHub, then
#     `npm rebuild sqlite3` (npm_config_build_from_source, --nodedir=<Node 24>) compiles the one native module `n8n start` needs
#     on SQLite (about 1.5 minutes).
# One instance, recorded twice:
#   fresh, before the owner account exists                                          -> n8n/owner-not-set-up
#   after the script, as the operator, creates the owner with POST /rest/owner/setup -> n8n/owner-set-up
# n8n runs in a fresh network namespace (`unshare -n`, root) whose only interface is lo, with telemetry, version
# notifications, templates, banners and license renewal off.
# Usage: bash scripts/capture/n8n.sh   (needs root for unshare; the network only for npm)
set -euo pipefail

VERSION=2.41.1
XLSX_VERSION=0.18.5
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PREFIX="$ROOT/.venv-capture/n8n"
N8N="$PREFIX/node_modules/n8n/bin/n8n"
PORT=19580          # the editor, REST API and public API
BROKER_PORT=19581   # the task runners' broker (loopback)
PUBLIC_HOST=203.0.113.9

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_npm_app_with_sqlite "$PREFIX" "$("$NODE24" "$N8N" --version 2>/dev/null)" "$VERSION" \
  "{\"name\": \"n8n-capture\", \"private\": true, \"dependencies\": {\"n8n\": \"$VERSION\"}, \"overrides\": {\"xlsx\": \"$XLSX_VERSION\"}}"
enter_isolated_netns "$0" "$@"

make_workdir n8n

# Until its migrations are done, n8n answers every path 200 "n8n is starting up. Please wait"; wait for the settings.
settings_ready() { curl -s -m 5 "http://127.0.0.1:$PORT/rest/settings" | grep -q '"userManagement"'; }

serve_tracked "$WORK/n8n.log" "http://127.0.0.1:$PORT/healthz" env PATH="$NODE24_DIR/bin:$PATH" \
  N8N_USER_FOLDER="$WORK/home" N8N_LISTEN_ADDRESS=127.0.0.1 N8N_PORT="$PORT" \
  N8N_RUNNERS_BROKER_LISTEN_ADDRESS=127.0.0.1 N8N_RUNNERS_BROKER_PORT="$BROKER_PORT" \
  N8N_DIAGNOSTICS_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED=false \
  N8N_TEMPLATES_ENABLED=false N8N_PERSONALIZATION_ENABLED=false N8N_HIRING_BANNER_ENABLED=false \
  N8N_DYNAMIC_BANNERS_ENABLED=false N8N_LICENSE_AUTO_RENEW_ENABLED=false N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=true \
  "$NODE24" "$N8N" start
SERVER_PGID=${PIDS[-1]}
wait_until_up "$WORK/n8n.log" settings_ready
SERVER_PGID=""
echo "--- listeners in the namespace:"
ss -ltnp

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family n8n --port 5678 --host "$PUBLIC_HOST:5678" \
    --product n8n --version "$VERSION" --url "http://127.0.0.1:$PORT" "$@")
}
INSTALLED="npm n8n@$VERSION (overrides xlsx@$XLSX_VERSION; --ignore-scripts, sqlite3 rebuilt from source) on Node 24, SQLite in N8N_USER_FOLDER; N8N_DIAGNOSTICS_ENABLED, N8N_VERSION_NOTIFICATIONS_ENABLED, N8N_TEMPLATES_ENABLED, N8N_PERSONALIZATION_ENABLED, N8N_HIRING_BANNER_ENABLED, N8N_DYNAMIC_BANNERS_ENABLED, N8N_LICENSE_AUTO_RENEW_ENABLED false; in an unshare -n namespace with only lo"
record --case owner-not-set-up --verdict unauthenticated \
  --description "n8n 2.x before the owner account is created: /rest/settings says showSetupOnFirstLoad true, and the first visitor to the editor sets up the owner" \
  --how "N8N_LISTEN_ADDRESS=127.0.0.1 N8N_PORT=$PORT n8n start, fresh user folder, no owner ($INSTALLED)"

# The operator's step, on loopback: create the owner account (the password is random and never stored).
operator_post 200 "http://127.0.0.1:$PORT/rest/owner/setup" \
  "{\"email\":\"owner@example.com\",\"firstName\":\"Capture\",\"lastName\":\"Owner\",\"password\":\"$(capture_password)\"}"
curl -s "http://127.0.0.1:$PORT/rest/settings" | grep -q '"showSetupOnFirstLoad":false' || { echo "the owner is not set up" >&2; exit 1; }

record --case owner-set-up --verdict auth-required \
  --description "n8n 2.x with its owner account set up: /rest/settings says showSetupOnFirstLoad false, and everything else wants a login" \
  --how "as owner-not-set-up, after POST /rest/owner/setup {email, firstName, lastName, password} on loopback created the owner ($INSTALLED)"
