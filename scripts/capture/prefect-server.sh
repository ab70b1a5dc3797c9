#!/usr/bin/env bash
# Records the Prefect server fixtures from real Prefect servers (PyPI prefect, `prefect server start`, a fresh home and
# SQLite database each), each with HOME, PATH and its Prefect settings as its only environment, in a fresh network
# namespace (`unshare -n`, root) whose only interface is lo:
#   3.9.1 with no auth string (Prefect's default)                       -> open
#   3.9.1 with PREFECT_SERVER_API_AUTH_STRING=admin:<random>            -> auth-string
#   3.9.1 with no auth string and the UI turned off (PREFECT_UI_ENABLED=false) -> open-no-ui
# Every server runs with PREFECT_SERVER_ANALYTICS_ENABLED=false: its telemetry would try to reach Prefect (and fail here).
# Usage: bash scripts/capture/prefect-server.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=3.9.1
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.31
VENV="$ROOT/.venv-capture/prefect-$VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv "$VENV" "prefect==$VERSION"
enter_isolated_netns "$0" "$@"

make_workdir prefect-server

# serve NAME PORT [ENV…]: `prefect server start` on 127.0.0.1 with a home (PREFECT_HOME is ~/.prefect, its SQLite
# database inside) of its own; waits until the database is migrated and the API answers its readiness check.
serve() {
  local name=$1 port=$2; shift 2
  mkdir -p "$WORK/$name/home"
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/api/health" \
    env -i HOME="$WORK/$name/home" PATH="$VENV/bin:/usr/bin:/bin" PREFECT_SERVER_ANALYTICS_ENABLED=false "$@" \
    "$VENV/bin/prefect" server start --host 127.0.0.1 --port "$port"
  wait_for_2xx "http://127.0.0.1:$port/api/ready" 60
}
AUTH_STRING="admin:$(capture_password)"
serve open 19790
serve auth-string 19791 PREFECT_SERVER_API_AUTH_STRING="$AUTH_STRING"
serve open-no-ui 19792 PREFECT_UI_ENABLED=false
echo "--- listeners in the namespace:"
ss -ltnp
echo "--- with the auth string, the API refuses a client without it, and answers one with it:"
curl -s -w ' (%{http_code})\n' http://127.0.0.1:19791/api/admin/version
curl -s -w ' (%{http_code})\n' -u "$AUTH_STRING" http://127.0.0.1:19791/api/admin/version

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family prefect-server --port 4200 --host "$PUBLIC_HOST:4200" \
    --product Prefect --version "$VERSION" --expect-version "$VERSION" --python-env "$VENV" "$@")
}
HOW="--host 127.0.0.1 --port <port>, a fresh home and SQLite database (PyPI prefect==$VERSION; environment: HOME, PATH and PREFECT_SERVER_ANALYTICS_ENABLED=false only; in an unshare -n namespace with only lo)"
record --case open --url http://127.0.0.1:19790 --verdict unauthenticated \
  --description "A Prefect server with no auth string (the default): its REST API answers anyone, who can read and trigger its flows and deployments and read its Blocks" \
  --how "prefect server start $HOW"
record --case auth-string --url http://127.0.0.1:19791 --verdict auth-required \
  --description "A Prefect server with PREFECT_SERVER_API_AUTH_STRING: every /api path but /api/health and /api/ready answers 401 without basic auth; the UI shell and the root /openapi.json (with the version) stay public" \
  --how "PREFECT_SERVER_API_AUTH_STRING=admin:<random> prefect server start $HOW"
record --case open-no-ui --url http://127.0.0.1:19792 --verdict unauthenticated \
  --description "A Prefect server with no auth string and the UI turned off: / is FastAPI's JSON 404, its REST API still answers anyone" \
  --how "PREFECT_UI_ENABLED=false prefect server start $HOW"
