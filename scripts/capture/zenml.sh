#!/usr/bin/env bash
# Records the zenml fixtures from a real ZenML server (PyPI zenml[server]), bound to 127.0.0.1.
# Cases:
#   local-no-auth    `zenml login --local --blocking`: the local server runs with auth_scheme NO_AUTH
#   oauth2-inactive  the server as its Docker image runs it (uvicorn, OAUTH2_PASSWORD_BEARER, the
#                    default), fresh database: not yet activated, so anyone may create the admin
#   oauth2           the same server after PUT /api/v1/activate created the admin
# Analytics are off (ZENML_ANALYTICS_OPT_IN=false), so nothing leaves the machine.
#   bash scripts/capture/zenml.sh      (from the repo root; ports 19230, 19240)
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=0.98.0
VENV=.venv-capture/zenml
# shellcheck source=scripts/capture/common.sh
. scripts/capture/common.sh
ensure_venv "$VENV" "zenml[server]==$VERSION"
make_workdir zenml
export ZENML_ANALYTICS_OPT_IN=false ZENML_ENABLE_REPO_INIT_WARNINGS=false ZENML_LOGGING_VERBOSITY=INFO

# Waits until the server answers, then asks once for the dashboard and /openapi.json: the first answers
# of a cold server take longer than the recorder's 5 s timeout (the OpenAPI schema is built on demand).
wait_for() {
  curl -s -o /dev/null --retry 180 --retry-delay 1 --retry-connrefused --retry-all-errors "$1/health"
  curl -s -o /dev/null -m 120 "$1/" && curl -s -o /dev/null -m 120 "$1/openapi.json"
}
record() { npx tsx scripts/record-fixtures.ts --family zenml --product ZenML --version "$VERSION" "$@"; }

# 1. The local server of `zenml login --local` (blocking, so this script owns the process).
ZENML_CONFIG_PATH="$WORK/client-config" "$VENV/bin/zenml" login --local --blocking --ip-address 127.0.0.1 --port 19230 \
  > "$WORK/local.out" 2>&1 &
PIDS+=($!)
wait_for http://127.0.0.1:19230
record --case local-no-auth --url http://127.0.0.1:19230 --port 8237 --verdict unauthenticated --expect-version "$VERSION" \
  --description 'ZenML local server (zenml login --local): auth_scheme NO_AUTH, the API is open' \
  --how "zenml login --local --blocking --ip-address 127.0.0.1 (default port 8237; PyPI zenml[server]==$VERSION)"

# 2./3. The server as the Docker image starts it: uvicorn with the default OAUTH2_PASSWORD_BEARER scheme.
ZENML_CONFIG_PATH="$WORK/server-config" ZENML_SERVER_DEPLOYMENT_TYPE=docker ZENML_SERVER_AUTH_SCHEME=OAUTH2_PASSWORD_BEARER \
  ZENML_STORE_URL="sqlite:///$WORK/zenml.db" ZENML_SERVER_JWT_SECRET_KEY=capture-jwt-secret \
  "$VENV/bin/uvicorn" zenml.zen_server.zen_server_api:app --host 127.0.0.1 --port 19240 --no-server-header \
  > "$WORK/server.out" 2>&1 &
PIDS+=($!)
wait_for http://127.0.0.1:19240
DOCKER_HOW="ZENML_SERVER_DEPLOYMENT_TYPE=docker ZENML_SERVER_AUTH_SCHEME=OAUTH2_PASSWORD_BEARER ZENML_STORE_URL=sqlite:///<temp>/zenml.db uvicorn zenml.zen_server.zen_server_api:app --host 127.0.0.1 --port 8080 --no-server-header (PyPI zenml[server]==$VERSION)"
record --case oauth2-inactive --url http://127.0.0.1:19240 --port 8080 --verdict unauthenticated --expect-version "$VERSION" \
  --description 'ZenML server with OAuth2 login, fresh: not yet activated (active false), so the first visitor creates the admin' \
  --how "$DOCKER_HOW"
curl -sf -X PUT -H 'content-type: application/json' -o /dev/null \
  -d '{"admin_username":"admin","admin_password":"Capture-admin-pw-1"}' http://127.0.0.1:19240/api/v1/activate
record --case oauth2 --url http://127.0.0.1:19240 --port 8080 --verdict auth-required --expect-version "$VERSION" \
  --description 'ZenML server with OAuth2 login, activated with an admin: the API answers 401' \
  --how "$DOCKER_HOW; then PUT /api/v1/activate with an admin user"
