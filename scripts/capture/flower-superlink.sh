#!/usr/bin/env bash
# Records the flower-superlink fixtures from real Flower SuperLinks (PyPI flwr), started with --insecure (no TLS: the
# recorder speaks cleartext HTTP/2) and HOME, PATH and FLWR_TELEMETRY_ENABLED=0 as their only environment, in a fresh
# network namespace (`unshare -n`, root) whose only interface is lo:
#   1.36.0, the last release whose Control API is served over gRPC by default (1.37 serves it over HTTP, 1.43 drops the
#     gRPC one): /flwr.proto.Control/ListRuns answers the (empty) run list            -> open
#   1.20.0, the last release that named it the Exec API: /flwr.proto.Exec/ListRuns answers  -> exec-api-open
# Open-source Flower has no account authentication (OIDC is Flower Enterprise's), so no case refuses.
# Every listener is on 127.0.0.1 and checked with ss before anything is recorded. Ports 19840-19846.
# Usage: bash scripts/capture/flower-superlink.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=1.36.0
EXEC_VERSION=1.20.0
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.61
VENV="$ROOT/.venv-capture/flower-superlink-$VERSION"
EXEC_VENV="$ROOT/.venv-capture/flower-superlink-$EXEC_VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  ensure_venv "$VENV" "flwr==$VERSION"
  ensure_venv "$EXEC_VENV" "flwr==$EXEC_VERSION"
fi
enter_isolated_netns "$0" "$@"

make_workdir flower-superlink
mkdir -p "$WORK/home"

start_superlink() { # venv, flower-superlink arguments…
  local venv=$1; shift
  rm -f "$WORK/superlink.log"
  # Telemetry off: it would only wait on a network that is not there.
  (cd "$WORK" && exec setsid env -i HOME="$WORK/home" PATH="$venv/bin:/usr/bin:/bin" FLWR_TELEMETRY_ENABLED=0 \
    "$venv/bin/flower-superlink" --insecure "$@" >"$WORK/superlink.log" 2>&1) &
  SERVER_PGID=$!
  # Both releases start the Fleet API last, once the Control (or Exec) API's server has started.
  wait_until_up "$WORK/superlink.log" grep -q "Starting Fleet API (gRPC-rere) on" "$WORK/superlink.log"
  echo "--- listeners of flower-superlink (must all be 127.0.0.1):"
  ss -ltnp | grep -F "pid=" | tee "$WORK/listen.txt"
  if grep -v -E "(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):1984[0-6] " "$WORK/listen.txt" | grep -q .; then
    echo "a listener is not on loopback; not recording" >&2; exit 1
  fi
}

record() { # case, url port, version, venv, verdict, description, how
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family flower-superlink --case "$1" --port 9093 \
    --url "http://127.0.0.1:$2" --host "$PUBLIC_HOST:9093" --product Flower --version "$3" --python-env "$4" \
    --verdict "$5" --description "$6" --how "$7")
}

ENV_NOTE="environment: HOME, PATH and FLWR_TELEMETRY_ENABLED=0 only; in an unshare -n namespace with only lo"

start_superlink "$VENV" \
  --control-api-address 127.0.0.1:19840 --fleet-api-address 127.0.0.1:19841 --host 127.0.0.1 --port 19842
record open 19840 "$VERSION" "$VENV" unauthenticated \
  "A Flower SuperLink with the defaults (no account authentication in open-source Flower), --insecure: the gRPC Control API's ListRuns answers anyone, who can also submit a Flower App Bundle whose code runs" \
  "flower-superlink --insecure --control-api-address 127.0.0.1:P --fleet-api-address 127.0.0.1:P --host 127.0.0.1 --port P (PyPI flwr==$VERSION; $ENV_NOTE)"
stop_server

start_superlink "$EXEC_VENV" \
  --exec-api-address 127.0.0.1:19843 --fleet-api-address 127.0.0.1:19844 \
  --serverappio-api-address 127.0.0.1:19845 --simulationio-api-address 127.0.0.1:19846
record exec-api-open 19843 "$EXEC_VERSION" "$EXEC_VENV" unauthenticated \
  "A Flower SuperLink of the Exec API era with the defaults, --insecure: /flwr.proto.Exec/ListRuns answers anyone" \
  "flower-superlink --insecure --exec-api-address 127.0.0.1:P --fleet-api-address 127.0.0.1:P --serverappio-api-address 127.0.0.1:P --simulationio-api-address 127.0.0.1:P (PyPI flwr==$EXEC_VERSION; $ENV_NOTE)"
stop_server
