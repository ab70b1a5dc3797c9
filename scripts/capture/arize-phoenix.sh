#!/usr/bin/env bash
# Records the Arize Phoenix fixtures from real Phoenix servers (PyPI arize-phoenix, `phoenix serve`, SQLite in a temporary
# working directory, telemetry off), each with HOME, PATH and its PHOENIX_ settings as its only environment, in a fresh
# network namespace (`unshare -n`, root) whose only interface is lo:
#   authentication off (the default)                                     -> open
#   PHOENIX_ENABLE_AUTH=true with a PHOENIX_SECRET                       -> auth
# Usage: bash scripts/capture/arize-phoenix.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=20.26.1
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VENV="$ROOT/.venv-capture/phoenix"
PUBLIC_HOST=203.0.113.14

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  ensure_venv "$VENV" "arize-phoenix==$VERSION"
fi
enter_isolated_netns "$0" "$@"

make_workdir arize-phoenix

# serve NAME HTTP_PORT GRPC_PORT SETTING…: a Phoenix with its own working directory, listening on 127.0.0.1.
serve() {
  local name=$1 port=$2 grpc_port=$3; shift 3
  mkdir -p "$WORK/$name"
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/healthz" env -i HOME="$WORK/$name" PATH=/usr/bin:/bin \
    PHOENIX_WORKING_DIR="$WORK/$name" PHOENIX_HOST=127.0.0.1 PHOENIX_PORT="$port" PHOENIX_GRPC_PORT="$grpc_port" \
    PHOENIX_TELEMETRY_ENABLED=false "$@" "$VENV/bin/phoenix" serve
}
serve open 19620 19621
serve auth 19622 19623 PHOENIX_ENABLE_AUTH=true PHOENIX_SECRET="$(capture_password)$(capture_password)"
echo "--- listeners in the namespace:"
ss -ltnp

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family arize-phoenix --port 6006 --host "$PUBLIC_HOST:6006" \
    --product "Arize Phoenix" --version "$VERSION" --expect-version "$VERSION" "$@")
}
HOW="phoenix serve (PHOENIX_HOST=127.0.0.1, PHOENIX_PORT=<port>, PHOENIX_WORKING_DIR=<temp>, PHOENIX_TELEMETRY_ENABLED=false; PyPI arize-phoenix==$VERSION; environment: HOME, PATH and these only; in an unshare -n namespace with only lo)"
record --case open --url http://127.0.0.1:19620 --verdict unauthenticated \
  --description "Arize Phoenix with authentication off (its default): the REST API lists projects, and with them their traces, to anyone" \
  --how "$HOW"
record --case auth --url http://127.0.0.1:19622 --verdict auth-required \
  --description "Arize Phoenix with PHOENIX_ENABLE_AUTH=true: the REST API answers 401 with Bearer realm=\"Arize Phoenix\"; its page and its version stay public" \
  --how "PHOENIX_ENABLE_AUTH=true PHOENIX_SECRET=<random> $HOW"
