#!/usr/bin/env bash
# Records the Dask fixtures from one real Dask scheduler (PyPI distributed with bokeh, `dask scheduler` on tcp://, as it
# starts unless given TLS certificates) and its dashboard, with HOME and PATH as its only environment, in a fresh network
# namespace (`unshare -n`, root) whose only interface is lo:
#   2026.8.0, the scheduler on tcp:// (no TLS: it takes any client)   -> dask-scheduler/open
#   2026.8.0, its dashboard (it has no authentication)                -> dask-dashboard/open
# Usage: bash scripts/capture/dask.sh   (needs root for unshare; the network only for pip)
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

make_workdir dask
serve_tracked "$WORK/scheduler.log" "http://127.0.0.1:$DASHBOARD_PORT/health" \
  env -i HOME="$WORK" PATH="$VENV/bin:/usr/bin:/bin" \
  "$VENV/bin/dask" scheduler --host 127.0.0.1 --port "$SCHEDULER_PORT" --dashboard-address "127.0.0.1:$DASHBOARD_PORT"
echo "--- listeners in the namespace (the scheduler and its dashboard):"
ss -ltnp
echo "--- what the scheduler sends a client that connects and says nothing:"
timeout 2 bash -c "cat < /dev/tcp/127.0.0.1/$SCHEDULER_PORT" | od -An -c | head -5 || true

# record FAMILY PORT LOCAL_PORT ARG…: one fixture, as the internet would ask the given port.
record() {
  local family=$1 port=$2 local_port=$3; shift 3
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family "$family" --case open --url "http://127.0.0.1:$local_port" \
    --port "$port" --host "$PUBLIC_HOST:$port" --product "Dask distributed" --version "$VERSION" --verdict unauthenticated --python-env "$VENV" "$@")
}
HOW="dask scheduler --host 127.0.0.1 --port <port> --dashboard-address 127.0.0.1:<port> (PyPI distributed==$VERSION, bokeh==$BOKEH_VERSION; environment: HOME and PATH only; in an unshare -n namespace with only lo)"
record dask-scheduler 8786 "$SCHEDULER_PORT" \
  --description "A Dask scheduler on tcp:// (no TLS): it sends its comm handshake to anyone who connects, and takes them as a client" \
  --how "$HOW"
record dask-dashboard 8787 "$DASHBOARD_PORT" \
  --description "A Dask scheduler's dashboard (it has no authentication): the scheduler's identity, address and workers answer anyone" \
  --how "$HOW"
