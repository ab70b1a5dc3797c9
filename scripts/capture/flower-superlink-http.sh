#!/usr/bin/env bash
# Records the flower-superlink-http fixtures from real Flower SuperLinks (PyPI flwr), started with --insecure (no TLS) and
# HOME, PATH and FLWR_TELEMETRY_ENABLED=0 as their only environment, in a fresh network namespace (`unshare -n`, root)
# whose only interface is lo. From 1.37 the SuperLink serves its Control, Fleet and Runtime APIs as one FastAPI app on
# --host/--port (default 127.0.0.1:8000):
#   1.42.0, the newest release, with the defaults                        -> open
#   1.37.0, the first release of the HTTP Control API, with the defaults -> open-1-37
# The probe reads only the OpenAPI document (every Control route is a protobuf POST); before each recording the run list,
# `flwr ls`'s POST /v1/control/list-runs with an empty ListRunsRequest, is asked without credentials and must answer.
# Open-source Flower has no account authentication: FLWR_OIDC_ENABLED=1 makes flower-superlink exit (checked below), so no
# case refuses. 1.37.0 still starts its gRPC Fleet API on *:9092 unless told otherwise, so it is moved to loopback.
# Every listener is on 127.0.0.1 and checked with ss before anything is recorded. Ports 19860-19862.
# Usage: bash scripts/capture/flower-superlink-http.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=1.42.0
FIRST_VERSION=1.37.0
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.62
VENV="$ROOT/.venv-capture/flower-superlink-http-$VERSION"
FIRST_VENV="$ROOT/.venv-capture/flower-superlink-http-$FIRST_VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  ensure_venv "$VENV" "flwr==$VERSION"
  ensure_venv "$FIRST_VENV" "flwr==$FIRST_VERSION"
fi
enter_isolated_netns "$0" "$@"

make_workdir flower-superlink-http
mkdir -p "$WORK/home"

# superlink VENV [ENV…] -- ARGS…: flower-superlink --insecure ARGS… with the minimal environment (telemetry off: it would
# only wait on a network that is not there), plus ENV….
superlink() {
  local venv=$1; shift
  local env=()
  while [ "$1" != -- ]; do env+=("$1"); shift; done
  shift
  (cd "$WORK" && exec setsid env -i HOME="$WORK/home" PATH="$venv/bin:/usr/bin:/bin" FLWR_TELEMETRY_ENABLED=0 "${env[@]}" \
    "$venv/bin/flower-superlink" --insecure "$@" >"$WORK/superlink.log" 2>&1) &
  SERVER_PGID=$!
}

start_superlink() { # venv, port, flower-superlink arguments…
  local venv=$1 port=$2; shift 2
  superlink "$venv" -- --host 127.0.0.1 --port "$port" "$@"
  wait_until_up "$WORK/superlink.log" curl -sf -o /dev/null "http://127.0.0.1:$port/health"
  echo "--- listeners of flower-superlink (must all be 127.0.0.1):"
  ss -ltnp | grep -F "pid=" | tee "$WORK/listen.txt"
  if grep -v -E "(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):1986[0-2] " "$WORK/listen.txt" | grep -q .; then
    echo "a listener is not on loopback; not recording" >&2; exit 1
  fi
}

list_runs() { # port: the run list answers anyone (200, application/protobuf)
  curl -s -o /dev/null -w 'POST /v1/control/list-runs: %{http_code} %{content_type}\n' -X POST \
    -H 'content-type: application/protobuf' --data-binary @/dev/null "http://127.0.0.1:$1/v1/control/list-runs" | tee "$WORK/list-runs.txt"
  grep -qx 'POST /v1/control/list-runs: 200 application/protobuf' "$WORK/list-runs.txt"
}

record() { # case, url port, version, venv, description, how
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family flower-superlink-http --case "$1" --port 8000 \
    --url "http://127.0.0.1:$2" --host "$PUBLIC_HOST:8000" --product Flower --version "$3" --expect-version "$3" \
    --python-env "$4" --verdict unauthenticated --description "$5" --how "$6")
}

ENV_NOTE="environment: HOME, PATH and FLWR_TELEMETRY_ENABLED=0 only; in an unshare -n namespace with only lo"

echo "--- the one account-auth switch, FLWR_OIDC_ENABLED=1, is Flower Enterprise's: open-source flower-superlink exits"
superlink "$VENV" FLWR_OIDC_ENABLED=1 -- --host 127.0.0.1 --port 19860
if wait "$SERVER_PGID"; then echo "flower-superlink started with FLWR_OIDC_ENABLED=1" >&2; exit 1; fi
SERVER_PGID=""
grep -F "OIDC account authentication is unavailable in this Flower distribution" "$WORK/superlink.log"

start_superlink "$VENV" 19860
list_runs 19860
record open 19860 "$VERSION" "$VENV" \
  "A Flower SuperLink with the defaults (no account authentication in open-source Flower), --insecure: its HTTP Control API (POST /v1/control/list-runs) lists runs for anyone, who can also submit a Flower App Bundle whose code runs" \
  "flower-superlink --insecure --host 127.0.0.1 --port P (PyPI flwr==$VERSION; $ENV_NOTE)"
stop_server

start_superlink "$FIRST_VENV" 19861 --fleet-api-address 127.0.0.1:19862
list_runs 19861
record open-1-37 19861 "$FIRST_VERSION" "$FIRST_VENV" \
  "A Flower SuperLink of the first HTTP Control API release with the defaults, --insecure: its OpenAPI document is titled SuperLink API and POST /v1/control/list-runs answers anyone" \
  "flower-superlink --insecure --host 127.0.0.1 --port P --fleet-api-address 127.0.0.1:P (PyPI flwr==$FIRST_VERSION; $ENV_NOTE)"
stop_server
