#!/usr/bin/env bash
# Records the Dask dashboard fixture from a real Dask scheduler's dashboard (PyPI distributed with bokeh, `dask scheduler`),
# with HOME and PATH as its only environment, in a fresh network namespace (`unshare -n`, root) whose only interface is lo:
#   2026.8.0 (the dashboard has no authentication)   -> open
# Usage: bash scripts/capture/dask-dashboard.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=2026.8.0
BOKEH_VERSION=3.9.2
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.38
SCHEDULER_PORT=19860
DASHBOARD_PORT=19861
VENV="$ROOT/.venv-capture/dask-$VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv "$VENV" "distributed==$VERSION" "bokeh==$BOKEH_VERSION"
enter_isolated_netns "$0" "$@"

make_workdir dask-dashboard
serve_tracked "$WORK/scheduler.log" "http://127.0.0.1:$DASHBOARD_PORT/health" \
  env -i HOME="$WORK" PATH="$VENV/bin:/usr/bin:/bin" \
  "$VENV/bin/dask" scheduler --host 127.0.0.1 --port "$SCHEDULER_PORT" --dashboard-address "127.0.0.1:$DASHBOARD_PORT"
echo "--- listeners in the namespace (the scheduler and its dashboard):"
ss -ltnp

(cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family dask-dashboard --case open --url "http://127.0.0.1:$DASHBOARD_PORT" \
  --port 8787 --host "$PUBLIC_HOST:8787" --product "Dask distributed" --version "$VERSION" --verdict unauthenticated --python-env "$VENV" \
  --description "A Dask scheduler's dashboard (it has no authentication): the scheduler's identity, address and workers answer anyone" \
  --how "dask scheduler --host 127.0.0.1 --port <port> --dashboard-address 127.0.0.1:<port> (PyPI distributed==$VERSION, bokeh==$BOKEH_VERSION; environment: HOME and PATH only; in an unshare -n namespace with only lo)")
