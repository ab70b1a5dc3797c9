#!/usr/bin/env bash
# Records the Cognee fixtures from real Cognee API servers (PyPI cognee, `uvicorn cognee.api.client:app` as its REST API
# guide runs it, fresh data, system and cache folders each: SQLite, LanceDB and the Ladybug graph store, its defaults), each
# with HOME, PATH, a fake LLM_API_KEY, those folders, TELEMETRY_DISABLED=1 and the settings named below as its only
# environment, in a fresh network namespace (`unshare -n`, root) whose only interface is lo:
#   1.6.5 with its defaults (ENABLE_BACKEND_ACCESS_CONTROL on: multi-tenant, authentication required)  -> default
#   ENABLE_BACKEND_ACCESS_CONTROL=false (single-user mode)                                                -> single-user
#   ENABLE_BACKEND_ACCESS_CONTROL=false with REQUIRE_AUTHENTICATION=true                                  -> single-user-auth
# Offline, the servers still start: single-user mode tries to download tiktoken's cl100k_base encoding
# (openaipublic.blob.core.windows.net) while migrating its shared databases, logs the failure and serves on, and /health
# answers 503 "not ready" (no LLM or embedding provider is reachable). Without TELEMETRY_DISABLED each API call would send
# telemetry to Cognee's proxy (test.prometh.ai).
# Usage: bash scripts/capture/cognee.sh   (needs root for unshare; the network only for uv)
set -euo pipefail

VERSION=1.6.5
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.131
VENV="$ROOT/.venv-capture/cognee-$VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
# uv: pip backtracks for minutes over its dependency set.
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv_with_uv "$VENV" "cognee==$VERSION"
enter_isolated_netns "$0" "$@"

make_workdir cognee

# serve NAME PORT [ENV…]: the API server on 127.0.0.1 with a home and storage folders of its own; it answers once its
# relational database is migrated.
serve() {
  local name=$1 port=$2; shift 2
  mkdir -p "$WORK/$name/home"
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/" \
    env -i HOME="$WORK/$name/home" PATH="$VENV/bin:/usr/bin:/bin" LLM_API_KEY=sk-capture-not-a-real-key \
    DATA_ROOT_DIRECTORY="$WORK/$name/data" SYSTEM_ROOT_DIRECTORY="$WORK/$name/system" CACHE_ROOT_DIRECTORY="$WORK/$name/cache" \
    TELEMETRY_DISABLED=1 "$@" \
    "$VENV/bin/python" -m uvicorn cognee.api.client:app --host 127.0.0.1 --port "$port"
}
serve default 19970
serve single-user 19971 ENABLE_BACKEND_ACCESS_CONTROL=false
serve single-user-auth 19972 ENABLE_BACKEND_ACCESS_CONTROL=false REQUIRE_AUTHENTICATION=true
echo "--- listeners in the namespace:"
ss -ltnp

echo "--- in single-user mode an anonymous client lists the datasets and reads the LLM settings (the key shown to 10 characters):"
curl -s -w ' (%{http_code})\n' http://127.0.0.1:19971/api/v1/datasets
curl -s http://127.0.0.1:19971/api/v1/settings | cut -c1-160
echo "--- with its defaults, and with REQUIRE_AUTHENTICATION=true, the API refuses it:"
curl -s -w ' (%{http_code})\n' http://127.0.0.1:19970/api/v1/settings
curl -s -w ' (%{http_code})\n' http://127.0.0.1:19972/api/v1/settings

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family cognee --port 8000 --host "$PUBLIC_HOST:8000" \
    --product Cognee --version "$VERSION" --expect-version "$VERSION" --python-env "$VENV" "$@")
}
HOW="uvicorn cognee.api.client:app --host 127.0.0.1 --port <port> (PyPI cognee==$VERSION; environment: HOME, PATH, LLM_API_KEY=<fake>, DATA_ROOT_DIRECTORY, SYSTEM_ROOT_DIRECTORY and CACHE_ROOT_DIRECTORY <fresh folders>, TELEMETRY_DISABLED=1 and the settings named before the command, only; in an unshare -n namespace with only lo)"
record --case default --url http://127.0.0.1:19970 --verdict auth-required \
  --description "A Cognee API server with its defaults (ENABLE_BACKEND_ACCESS_CONTROL on, multi-tenant): /api/v1 answers 401 explaining the auth posture; /, /health and /openapi.json (\"Cognee API\") stay public" \
  --how "$HOW"
record --case single-user --url http://127.0.0.1:19971 --verdict unauthenticated \
  --description "A Cognee API server in single-user mode (ENABLE_BACKEND_ACCESS_CONTROL=false): its API serves anyone as the default superuser, GET /api/v1/settings shows the LLM provider, model and the key's first 10 characters" \
  --how "ENABLE_BACKEND_ACCESS_CONTROL=false $HOW"
record --case single-user-auth --url http://127.0.0.1:19972 --verdict auth-required \
  --description "A Cognee API server in single-user mode with REQUIRE_AUTHENTICATION=true: /api/v1 answers 401 without a token" \
  --how "ENABLE_BACKEND_ACCESS_CONTROL=false REQUIRE_AUTHENTICATION=true $HOW"
