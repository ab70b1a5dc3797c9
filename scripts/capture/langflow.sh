#!/usr/bin/env bash
# Records the Langflow fixtures from a real Langflow server: PyPI langflow-base==1.13.0, which bundles the frontend,
# installed with uv (ensure_venv_with_uv, common.sh), as Langflow's install guide does, since the venv's pip 23.2 spent minutes
# backtracking through langfuse releases over this dependency set (no torch; about 1.4 GB; under a minute). Each
# server keeps its config dir and SQLite database in a temporary folder, with telemetry off, and serves the bundled
# frontend as the default install does:
#   LANGFLOW_AUTO_LOGIN=true langflow run                                               -> langflow/auto-login
#   LANGFLOW_AUTO_LOGIN=False with LANGFLOW_SUPERUSER/_PASSWORD and LANGFLOW_SECRET_KEY -> langflow/login-required
# AUTO_LOGIN is off by default in the 1.13.0 release (lfx AuthSettings; older releases had it on): with neither
# setting, `langflow run` refuses to start ("Set LANGFLOW_SUPERUSER_PASSWORD before starting Langflow"), so the
# auto-login case sets it on explicitly, as a deployment that keeps the old behaviour does.
# The servers run in a fresh network namespace (`unshare -n`, root) whose only interface is lo.
# Usage: bash scripts/capture/langflow.sh   (needs root for unshare; the network only for the install)
set -euo pipefail

VERSION=1.13.0
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VENV="$ROOT/.venv-capture/langflow"
AUTO_LOGIN_PORT=19502
LOGIN_PORT=19503
PUBLIC_HOST=203.0.113.9

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv_with_uv "$VENV" "langflow-base==$VERSION"
enter_isolated_netns "$0" "$@"

make_workdir langflow

# serve PORT ENV…: starts one server (config dir and database of its own) and waits until its API answers 2xx: the
# first start migrates the database, loads the components and adds the starter projects before it serves.
serve() {
  local port=$1; shift
  mkdir -p "$WORK/config-$port"
  serve_tracked "$WORK/langflow-$port.log" "http://127.0.0.1:$port/health" env "$@" \
    LANGFLOW_CONFIG_DIR="$WORK/config-$port" LANGFLOW_DATABASE_URL="sqlite:///$WORK/config-$port/langflow.db" \
    DO_NOT_TRACK=true LANGFLOW_DO_NOT_TRACK=true \
    "$VENV/bin/langflow" run --host 127.0.0.1 --port "$port" --workers 1 --no-open-browser
  wait_for_2xx "http://127.0.0.1:$port/api/v1/version" 300
}
serve "$AUTO_LOGIN_PORT" LANGFLOW_AUTO_LOGIN=true
serve "$LOGIN_PORT" LANGFLOW_AUTO_LOGIN=False LANGFLOW_SUPERUSER=capture-admin \
  LANGFLOW_SUPERUSER_PASSWORD=capture-secret-password LANGFLOW_SECRET_KEY=capture-secret-key-0123456789abcdef
echo "--- listeners in the namespace:"
ss -ltnp

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family langflow --port 7860 --host "$PUBLIC_HOST:7860" \
    --product Langflow --version "$VERSION" --expect-version "$VERSION" "$@")
}
INSTALLED="PyPI langflow-base==$VERSION with its bundled frontend; LANGFLOW_CONFIG_DIR and a SQLite LANGFLOW_DATABASE_URL in a temporary folder, DO_NOT_TRACK=true; in an unshare -n namespace with only lo"
record --case auto-login --url "http://127.0.0.1:$AUTO_LOGIN_PORT" --verdict unauthenticated \
  --description "Langflow with LANGFLOW_AUTO_LOGIN=true (the default before 1.13; off by default in 1.13.0): GET /api/v1/auto_login hands any visitor a superuser token" \
  --how "LANGFLOW_AUTO_LOGIN=true langflow run --host 127.0.0.1 --workers 1 --no-open-browser ($INSTALLED)"
record --case login-required --url "http://127.0.0.1:$LOGIN_PORT" --verdict auth-required \
  --description "Langflow with LANGFLOW_AUTO_LOGIN=False and a superuser: /api/v1/auto_login answers 403 \"Auto login is disabled.\", a login is required" \
  --how "LANGFLOW_AUTO_LOGIN=False LANGFLOW_SUPERUSER=<user> LANGFLOW_SUPERUSER_PASSWORD=<secret> LANGFLOW_SECRET_KEY=<secret> langflow run --host 127.0.0.1 --workers 1 --no-open-browser ($INSTALLED)"
